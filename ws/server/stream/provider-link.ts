import type { Logger } from "pino";
import type {
  ProviderTranscript,
  SttProvider,
  SttStream,
  SttStreamHandlers,
} from "@/modules/core/captions/application/stt-provider";
import { AppError } from "@/modules/core/shared/domain/errors";
import { BYTES_PER_SECOND } from "@/modules/core/captions/domain/audio";
import { flushAudio } from "./flush-audio";
import { QuietClock } from "./quiet-clock";
import type { GatedChunk, SpeechGate } from "./speech-gate";

export type LinkOptions = SttStreamHandlers & {
  provider: SttProvider;
  language: string;
  streamId: string;
  /** Languages the provider translates this stream's finals into (none when absent). */
  translateTo?: readonly string[];
  /** Names and terms that bias recognition; the same for every provider stream of the link. */
  vocabulary?: readonly string[];
  /** null: gating off, every chunk written goes to the provider. */
  gate: SpeechGate | null;
  /** Zeros written after each burst (not billed): lets a kept-open recognizer finalize. */
  flushSilenceMs: number;
  /** Close the provider stream after this long without speech; null keeps it open. */
  idleCloseMs: number | null;
  /**
   * No audio arriving for this long ends the burst (the microphone was muted, the capture or the
   * network stalled): the last words' final comes now, not at the next unmute or the leave.
   */
  quietMs: number;
  maxHeldBytes: number;
  /** Bytes of received audio actually handed to a provider stream: what is billed. */
  onSent(bytes: number): void;
  /** Of those, bytes the provider reported it will never transcribe: taken back from billing. */
  onUnsent?(bytes: number): void;
  log: Logger;
};

/**
 * A run of received audio in a provider stream: where it starts in the stream's time and in the
 * participant's, and where its received audio ends in the stream (flush audio may follow).
 */
type Mark = { streamMs: number; realMs: number; streamEndMs: number };
type Gen = {
  n: number;
  stream: SttStream | null;
  bytes: number;
  /** Received bytes billed for this generation, less what the provider dropped. */
  billed: number;
  marks: Mark[];
  nextAt: number;
};

const msOf = (bytes: number) => (bytes * 1000) / BYTES_PER_SECOND;
/** A provider utterance id made unique across the link's re-opened streams. */
const idIn = (g: Gen, id: string) => (g.n === 0 ? id : `r${g.n}-${id}`);

/**
 * The provider side of one participant stream: passes its audio through the speech gate and keeps
 * (or re-opens) provider streams so only speech is sent. Each provider stream is a "generation":
 * utterance ids get its number so re-opened streams never repeat an id, and times are mapped back
 * from the provider's clock (gated audio only) to the participant's received audio. Translations
 * get the same id mapping as the finals they translate.
 */
export class ProviderLink {
  private gen: Gen | null = null;
  private count = 0;
  private opening: Promise<void> | null = null;
  private held: GatedChunk[] = [];
  private heldBytes = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly quiet: QuietClock;
  private closing: Promise<void>[] = [];
  private closed = false;
  /** close() was called: no more audio is taken, what was taken is still judged and sent. */
  private ending = false;
  /** The gate's work in arrival order; never rejects (a failed judgement is logged, not thrown). */
  private gating: Promise<void> = Promise.resolve();

  private constructor(private readonly o: LinkOptions) {
    this.quiet = new QuietClock(o.quietMs, () => this.pause());
  }

  /** Opens the first provider stream (its failure is the caller's "captions unavailable"). */
  static async open(o: LinkOptions): Promise<ProviderLink> {
    const link = new ProviderLink(o);
    link.gen = await link.openGen();
    // Gated and nobody speaking yet: a stream that bills for idle time is not kept waiting.
    if (o.gate) link.armIdle();
    return link;
  }

  write(pcm: Buffer) {
    if (this.ending) return;
    const gate = this.o.gate;
    if (!gate) return this.send({ pcm, at: -1 });
    this.quiet.audio();
    // The gate may judge asynchronously (Silero): chunks, pauses and the close keep their order.
    this.inOrder(async () => {
      const { chunks, ended } = await gate.push(pcm);
      if (chunks.length) this.disarmIdle();
      for (const c of chunks) this.send(c);
      if (ended) this.endBurst();
    });
  }

  /** The participant paused, or their audio stopped coming: what they say next starts a new burst. */
  pause() {
    const gate = this.o.gate;
    if (!gate || this.ending) return;
    this.inOrder(() => {
      if (gate.reset()) this.endBurst();
    });
  }

  async close(): Promise<void> {
    if (this.ending) return;
    this.ending = true;
    // Audio already received is judged (and sent) before the streams close.
    await this.gating;
    this.closed = true;
    this.disarmIdle();
    this.quiet.dispose();
    await this.opening;
    this.retire();
    await Promise.all(this.closing);
    this.o.gate?.dispose();
  }

  private inOrder(step: () => void | Promise<void>) {
    this.gating = this.gating.then(step).catch((err) => this.o.log.warn({ err }, "speech gate step failed"));
  }

  private send(c: GatedChunk) {
    const g = this.gen;
    if (!g?.stream) {
      // Ungated streams keep their one provider stream; after it failed, audio goes nowhere.
      if (!this.o.gate) return;
      this.hold(c);
      if (!this.opening) this.reopen();
      return;
    }
    if (c.at >= 0 && c.at !== g.nextAt) {
      g.marks.push({ streamMs: msOf(g.bytes), realMs: msOf(c.at), streamEndMs: msOf(g.bytes) });
    }
    g.nextAt = c.at + c.pcm.length;
    g.bytes += c.pcm.length;
    g.marks.at(-1)!.streamEndMs = msOf(g.bytes);
    g.stream.write(c.pcm);
    g.billed += c.pcm.length;
    this.o.onSent(c.pcm.length);
  }

  private endBurst() {
    const g = this.gen;
    if (g?.stream && this.o.flushSilenceMs > 0) {
      const flush = flushAudio(Math.round((this.o.flushSilenceMs * BYTES_PER_SECOND) / 1000));
      g.bytes += flush.length;
      g.stream.write(flush);
    }
    this.armIdle();
  }

  private hold(c: GatedChunk) {
    this.held.push(c);
    this.heldBytes += c.pcm.length;
    while (this.heldBytes > this.o.maxHeldBytes && this.held.length > 1) {
      this.heldBytes -= this.held.shift()!.pcm.length;
    }
  }

  private reopen() {
    this.opening = this.openGen()
      .then(
        (g) => {
          // Also when the socket closed meanwhile: the speech held for it is still transcribed,
          // then close() retires this stream.
          this.gen = g;
          const held = this.held;
          this.held = [];
          this.heldBytes = 0;
          for (const c of held) this.send(c);
          if (!this.closed && !this.o.gate?.speaking) this.endBurst();
        },
        (err) => {
          this.held = [];
          this.heldBytes = 0;
          this.o.log.warn({ err }, "provider stream did not re-open");
          this.o.onError({
            code: "stt_reopen_failed",
            reason: err instanceof AppError ? err.userMessage : "the speech recognizer could not start",
            retryable: true,
          });
        },
      )
      .finally(() => (this.opening = null));
  }

  private async openGen(): Promise<Gen> {
    const n = this.count++;
    const g: Gen = {
      n,
      stream: null,
      bytes: 0,
      billed: 0,
      marks: [{ streamMs: 0, realMs: 0, streamEndMs: 0 }],
      nextAt: 0,
    };
    g.stream = await this.o.provider.openStream({
      language: this.o.language,
      streamId: this.o.streamId,
      translateTo: this.o.translateTo,
      vocabulary: this.o.vocabulary,
      onTranscript: (t) => this.o.onTranscript(this.map(g, t)),
      onTranslation: (t) => this.o.onTranslation?.({ ...t, id: idIn(g, t.id) }),
      onWarning: (w) => this.o.onWarning?.(w),
      onStatus: (s) => this.o.onStatus?.(s),
      onDropped: (bytes) => this.unbill(g, bytes),
      onError: (e) => {
        // The stream is over: the next speech opens another.
        if (this.gen === g) g.stream = null;
        this.o.onError(e);
      },
    });
    if (n > 0) this.o.log.info({ generation: n }, "provider stream re-opened for speech");
    return g;
  }

  /**
   * Dropped audio is taken back from what this generation billed. The provider cannot tell the
   * flush zeros in it from received audio, so they count as received here: errs towards the
   * participant, and never below zero.
   */
  private unbill(g: Gen, bytes: number) {
    const back = Math.min(bytes, g.billed);
    g.billed -= back;
    this.o.onDropped?.(bytes);
    if (back > 0) this.o.onUnsent?.(back);
  }

  private map(g: Gen, t: ProviderTranscript): ProviderTranscript {
    const real = (ms: number | null, edge: "start" | "end") => {
      if (ms === null || !this.o.gate) return ms;
      const i = g.marks.findLastIndex((k) => k.streamMs <= ms);
      const m = g.marks[Math.max(0, i)]!;
      const next = g.marks[i + 1];
      // In the flush audio after a run (no received audio there): a start belongs to the next
      // run's first byte, an end to this run's last.
      if (ms > m.streamEndMs) {
        if (edge === "start" && next) return next.realMs;
        return m.realMs + (m.streamEndMs - m.streamMs);
      }
      return m.realMs + (ms - m.streamMs);
    };
    return {
      ...t,
      id: idIn(g, t.id),
      startMs: real(t.startMs, "start"),
      endMs: real(t.endMs, "end"),
    };
  }

  private armIdle() {
    if (this.o.idleCloseMs === null || this.closed) return;
    this.disarmIdle();
    this.idleTimer = setTimeout(() => this.retire(), this.o.idleCloseMs);
    this.idleTimer.unref();
  }

  private disarmIdle() {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  /** Closes the current provider stream; its last finals still arrive through its generation. */
  private retire() {
    const g = this.gen;
    if (!g?.stream) return;
    const s = g.stream;
    g.stream = null;
    this.o.log.debug({ generation: g.n }, "provider stream closed while nobody speaks");
    const done = s.close().catch((err) => this.o.log.warn({ err }, "provider stream close failed"));
    this.closing.push(done);
    void done.then(() => (this.closing = this.closing.filter((p) => p !== done)));
  }
}
