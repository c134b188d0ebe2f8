import type { FinalSegment, ServerMessage } from "@/modules/core/transcription/domain/protocol";
import type { segmentSigner } from "@/modules/core/transcription/infra/segment-signature";
import type { SegmentWriter } from "@/modules/core/transcription/infra/segment-writer";
import type { StreamContext } from "@/modules/core/transcription/infra/stream-context-repository";
import type { Metrics } from "./metrics";

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
  private acks: string[] = [];
  private readonly sent = new Set<string>();

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
    this.store(seg);
    this.sent.add(seg.utteranceId);
    if (this.sent.size > RECENT_FINALS) this.sent.delete(this.sent.values().next().value!);
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

  /** Finals a reconnected client never saw acknowledged; false (nothing stored) if any is forged. */
  resend(finals: FinalSegment[]): boolean {
    const { sessionId, participantId } = this.ctx;
    if (!finals.every((f) => this.deps.signer.verify(sessionId, participantId, f))) return false;
    for (const final of finals) {
      const { sig, ...seg } = final;
      void sig;
      this.store(seg);
    }
    return true;
  }

  /** Sends the acks waiting (also at shutdown, after the writer drained). */
  flushAcks() {
    if (!this.acks.length) return;
    const utteranceIds = this.acks;
    this.acks = [];
    this.send({ type: "ack", utteranceIds });
  }

  private store(seg: Unsigned) {
    const accepted = this.deps.writer.add({
      videoSessionId: this.ctx.sessionId,
      participantId: this.ctx.participantId,
      provider: this.provider,
      ...seg,
      onStored: () => {
        this.acks.push(seg.utteranceId);
        if (this.acks.length === 1) setImmediate(() => this.flushAcks());
      },
    });
    if (!accepted) {
      this.deps.metrics.errors.inc({ kind: "writer_full" });
      this.send({ type: "warning", code: "storage_full", message: "Captions will be saved later." });
    }
  }
}
