import { BYTES_PER_SECOND } from "../domain/audio";
import type { CaptionLagState } from "../application/stt-provider";

/**
 * One stream's latency budget on a local recognizer worker. The lag is the age of its oldest audio
 * not yet processed (sent or held here): how late a final for speech ending now would be. A worker
 * serving several streams decodes them in turn, so this is wall time, not queued audio seconds.
 */
export type LagBudget = {
  /** Audio (ms) the worker may have been sent and not processed yet (its credit); the rest waits here. */
  inFlightMs: number;
  /** Lag over this: the stream is "delayed" and its partials are turned off (shedding, step 1). */
  targetMs: number;
  /**
   * Lag over this: the audio held here is dropped and the worker skips to live audio, ending the
   * utterance in flight at the gap (shedding, step 2); "catching up" until the worker is past it.
   */
  boundMs: number;
};

export type LagActions = {
  send(pcm: Buffer): void;
  partials(on: boolean): void;
  /** `bytes` of audio were dropped after what was sent: the worker must mark the gap. */
  gap(bytes: number): void;
  status(state: CaptionLagState, lagMs: number): void;
};

const msOf = (bytes: number) => (bytes * 1000) / BYTES_PER_SECOND;
const bytesOf = (ms: number) => Math.round((ms * BYTES_PER_SECOND) / 1000);

/**
 * Credit-based flow control plus shedding for one stream. Audio is sent to the worker only while
 * what it has not processed is under `inFlightMs`; the rest is held here, so shedding can drop it
 * (bytes already in the pipe cannot be taken back). Pure logic: the provider wires the actions.
 */
export class StreamLag {
  private written = 0;
  private processed = 0;
  /** When each sent chunk was written to us, by the written offset it ends at. */
  private sent: { end: number; at: number }[] = [];
  private held: { pcm: Buffer; at: number }[] = [];
  private heldBytes = 0;
  private partialsOn = true;
  /** While catching up: the written offset of the last gap, which the worker must pass first. */
  private gapAt: number | null = null;
  /** The newest write's length (ms): the audio before it in the queue was spoken before it. */
  private newestMs = 0;
  state: CaptionLagState = "live";
  droppedBytes = 0;

  constructor(
    private readonly budget: LagBudget,
    private readonly act: LagActions,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Audio seconds (in ms) waiting to be decoded: what placement weighs a worker by. */
  queuedMs(): number {
    return msOf(this.written - this.processed + this.heldBytes);
  }

  /** Age of the oldest audio not yet processed; 0 when the worker is up to date. */
  lagMs(): number {
    const oldest = this.sent[0]?.at ?? this.held[0]?.at;
    return oldest === undefined ? 0 : Math.max(0, this.now() - oldest);
  }

  /**
   * How far behind live speech a final would come: the lag, or, when audio arrived faster than it
   * is spoken (a client flushing what a network stall held back), the audio queued ahead of the
   * newest chunk, which arrived in a burst and so is older than its arrival says. Shedding judges
   * the lag alone, so a burst the rate limit admitted is decoded, not skipped; the participant
   * and host are still told that the captions are behind.
   */
  behindMs(): number {
    return Math.max(this.lagMs(), this.queuedMs() - this.newestMs);
  }

  /** Sent to the worker and not processed (what a close that gives up has to count as dropped). */
  undecodedBytes(): number {
    return this.written - this.processed;
  }

  write(pcm: Buffer) {
    this.newestMs = msOf(pcm.length);
    this.held.push({ pcm, at: this.now() });
    this.heldBytes += pcm.length;
    this.pump();
    this.shed();
  }

  /** The worker's PROGRESS: bytes processed so far, modulo 2^32 (u32 on the pipe). */
  progress(processedMod32: number) {
    this.processed += (processedMod32 - (this.processed % 2 ** 32) + 2 ** 32) % 2 ** 32;
    while (this.sent.length && this.sent[0]!.end <= this.processed) this.sent.shift();
    this.pump();
    this.shed();
  }

  /** At close: what is held goes to the worker to be drained, unless it is past the bound already. */
  flush() {
    this.shed();
    for (const h of this.held) this.sendNow(h);
    this.held = [];
    this.heldBytes = 0;
  }

  /** The stream is over unfinished: everything not decoded (sent or held) is dropped. */
  abandon(): number {
    const bytes = this.written - this.processed + this.heldBytes;
    this.held = [];
    this.heldBytes = 0;
    this.processed = this.written;
    this.sent = [];
    this.droppedBytes += bytes;
    return bytes;
  }

  private pump() {
    const credit = bytesOf(this.budget.inFlightMs);
    while (this.held.length && this.written - this.processed < credit) {
      const h = this.held.shift()!;
      this.heldBytes -= h.pcm.length;
      this.sendNow(h);
    }
  }

  private sendNow(h: { pcm: Buffer; at: number }) {
    this.written += h.pcm.length;
    this.sent.push({ end: this.written, at: h.at });
    this.act.send(h.pcm);
  }

  private shed() {
    const lag = this.lagMs();
    if (lag > this.budget.boundMs && this.heldBytes > 0) {
      const dropped = this.heldBytes;
      this.held = [];
      this.heldBytes = 0;
      this.droppedBytes += dropped;
      this.gapAt = this.written;
      this.act.gap(dropped);
      this.setPartials(false);
      return this.setState("catching_up");
    }
    if (this.gapAt !== null) {
      if (this.processed < this.gapAt) return;
      this.gapAt = null;
    }
    const behind = this.behindMs();
    if (behind > this.budget.targetMs) {
      this.setPartials(false);
      return this.setState("delayed");
    }
    // Half the target: a stream hovering at the target does not flap between states.
    if (behind <= this.budget.targetMs / 2) {
      this.setPartials(true);
      this.setState("live");
    }
  }

  private setPartials(on: boolean) {
    if (this.partialsOn === on) return;
    this.partialsOn = on;
    this.act.partials(on);
  }

  private setState(state: CaptionLagState) {
    if (this.state === state) return;
    this.state = state;
    this.act.status(state, Math.round(this.behindMs()));
  }
}
