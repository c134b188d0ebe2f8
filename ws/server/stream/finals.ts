import type { FinalSegment, ServerMessage } from "@/modules/core/captions/domain/protocol";
import type { segmentSigner } from "@/modules/core/captions/infra/segment-signature";
import type { SegmentWriter } from "@/modules/core/captions/infra/segment-writer";
import type { StreamContext } from "@/modules/core/captions/infra/stream-context-repository";
import type { Metrics } from "../ops/metrics";

type Unsigned = Omit<FinalSegment, "sig">;

/** Finals remembered for their translations to follow; older ones are forgotten first. */
const RECENT_FINALS = 1_000;

/**
 * The finals of one authenticated stream: signed as they go out, queued for storage, and
 * acknowledged to the client (batched per tick) once stored; re-sent ones come back in only with a
 * valid signature for this participant of this session. Translations go out (and to storage) only
 * for finals this stream sent, after them.
 */
export class StreamFinals {
  private readonly acks = new Set<string>();
  private readonly sent = new Set<string>();
  /** Queued for storage and not yet stored: a re-sent copy waits for the same ack. */
  private readonly queued = new Set<string>();
  /** Recently stored and acknowledged here. */
  private readonly acked = new Set<string>();

  constructor(
    private readonly ctx: StreamContext,
    private readonly deps: {
      signer: ReturnType<typeof segmentSigner>;
      writer: SegmentWriter;
      metrics: Metrics;
    },
    private readonly send: (msg: ServerMessage) => void,
    private readonly provider: string,
  ) {}

  /** A new final from the provider: to the client with its signature, and to storage. */
  emit(seg: Unsigned) {
    const sig = this.deps.signer.sign(this.ctx.sessionId, this.ctx.participantId, seg);
    this.send({ type: "transcript", ...seg, isFinal: true, sig });
    this.store(seg, true);
    remember(this.sent, seg.utteranceId);
  }

  /**
   * A translation of a final: false (nothing sent or stored) when its final was not sent here
   * (dropped while paused, empty, or long gone).
   */
  translate(t: { utteranceId: string; language: string; text: string }): boolean {
    if (!this.sent.has(t.utteranceId)) return false;
    this.send({ type: "translation", ...t });
    const accepted = this.deps.writer.addTranslation({
      videoSessionId: this.ctx.sessionId,
      provider: this.provider,
      ...t,
    });
    if (!accepted) this.deps.metrics.errors.inc({ kind: "writer_full" });
    return true;
  }

  /**
   * Finals a reconnected client never saw acknowledged; false (nothing stored) if any is forged.
   * Copies collapse first (one that differs from the first with its id is forged); finals this
   * socket already queued or acknowledged are skipped (their ack went or goes out on this very
   * socket), and the rest is verified and queued, as many as the rate (charged for every final sent,
   * copies included) allows. The client keeps what was refused and re-sends it after a reconnect.
   */
  resend(finals: FinalSegment[], rate: { resendAllowance(count: number, now: number): number }): boolean {
    const unique = new Map<string, FinalSegment>();
    for (const f of finals) {
      const first = unique.get(f.utteranceId);
      if (!first) unique.set(f.utteranceId, f);
      else if (!sameFinal(first, f)) return false;
    }
    const { sessionId, participantId } = this.ctx;
    const fresh: Unsigned[] = [];
    for (const [id, final] of unique) {
      if (this.queued.has(id) || this.acked.has(id)) continue;
      if (!this.deps.signer.verify(sessionId, participantId, final)) return false;
      const { sig, ...seg } = final;
      void sig;
      fresh.push(seg);
    }
    const allowed = rate.resendAllowance(finals.length, performance.now());
    const full = fresh.slice(0, allowed).filter((seg) => !this.store(seg)).length;
    if (full) this.send({ type: "warning", code: "storage_full", message: RESEND_LATER });
    if (fresh.length > allowed) {
      this.deps.metrics.errors.inc({ kind: "resend_limited" }, fresh.length - allowed);
      this.send({ type: "warning", code: "resend_limited", message: RESEND_LATER });
    }
    return true;
  }

  /** Sends the acks waiting (also at shutdown, after the writer drained). */
  flushAcks() {
    if (!this.acks.size) return;
    const utteranceIds = [...this.acks];
    this.acks.clear();
    this.send({ type: "ack", utteranceIds });
  }

  /** Called by the writer once per stored key, however many times this socket queued it. */
  private readonly onStored = (utteranceId: string) => {
    this.queued.delete(utteranceId);
    remember(this.acked, utteranceId);
    this.ackLater(utteranceId);
  };

  private ackLater(utteranceId: string) {
    this.acks.add(utteranceId);
    if (this.acks.size === 1) setImmediate(() => this.flushAcks());
  }

  /** Queues a final for storage; false when the writer is full (`warn`: tell the client now). */
  private store(seg: Unsigned, warn = false): boolean {
    const accepted = this.deps.writer.add({
      videoSessionId: this.ctx.sessionId,
      participantId: this.ctx.participantId,
      provider: this.provider,
      ...seg,
      onStored: this.onStored,
    });
    if (accepted) this.queued.add(seg.utteranceId);
    else {
      this.deps.metrics.errors.inc({ kind: "writer_full" });
      if (warn) this.send({ type: "warning", code: "storage_full", message: RESEND_LATER });
    }
    return accepted;
  }
}

const RESEND_LATER = "Captions will be saved later.";

/** Adds to a set of recent ids, forgetting the oldest past RECENT_FINALS. */
function remember(ids: Set<string>, id: string) {
  ids.add(id);
  if (ids.size > RECENT_FINALS) ids.delete(ids.values().next().value!);
}

const sameFinal = (a: FinalSegment, b: FinalSegment) =>
  a.sig === b.sig &&
  a.text === b.text &&
  a.startMs === b.startMs &&
  a.endMs === b.endMs &&
  a.language === b.language &&
  a.confidence === b.confidence;
