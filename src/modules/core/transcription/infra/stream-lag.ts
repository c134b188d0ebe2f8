import { BYTES_PER_SECOND } from "../domain/audio";
import type { CaptionLagState } from "../application/stt-provider";

/**
 * One stream's latency budget on a local recognizer worker, in milliseconds of queued audio
 * (sent but not yet processed, plus held here): the time a final waits behind it.
 */
export type LagBudget = {
  /** Audio the worker may have been sent and not processed yet (its credit); the rest waits here. */
  inFlightMs: number;
  /** Over this the stream is "delayed" and its partials are turned off (shedding, step 1). */
  targetMs: number;
  /**
   * Over this the audio held here is dropped and the worker skips to live audio, ending the
   * utterance in flight at the gap (shedding, step 2); "catching up" until the worker is past it.
   */
  boundMs: number;
};

export type LagActions = {
  send(pcm: Buffer): void;
  partials(on: boolean): void;
  /** `bytes` of audio were dropped after what was sent: the worker must mark the gap. */
  gap(bytes: number): void;
  status(state: CaptionLagState, queuedMs: number): void;
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
  private held: Buffer[] = [];
  private heldBytes = 0;
  private partialsOn = true;
  /** While catching up: the written offset of the last gap, which the worker must pass first. */
  private gapAt: number | null = null;
  state: CaptionLagState = "live";
  droppedBytes = 0;

  constructor(
    private readonly budget: LagBudget,
    private readonly act: LagActions,
  ) {}

  queuedMs(): number {
    return msOf(this.written - this.processed + this.heldBytes);
  }

  /** Sent to the worker and not processed (what a close that gives up has to count as dropped). */
  undecodedBytes(): number {
    return this.written - this.processed;
  }

  write(pcm: Buffer) {
    this.held.push(pcm);
    this.heldBytes += pcm.length;
    this.pump();
    this.shed();
  }

  /** The worker's PROGRESS: bytes processed so far, modulo 2^32 (u32 on the pipe). */
  progress(processedMod32: number) {
    this.processed += (processedMod32 - (this.processed % 2 ** 32) + 2 ** 32) % 2 ** 32;
    this.pump();
    this.shed();
  }

  /** At close: everything held goes to the worker (it is within the bound), to be drained. */
  flush() {
    for (const pcm of this.held) this.sendNow(pcm);
    this.held = [];
    this.heldBytes = 0;
  }

  /** The stream is over unfinished: everything not decoded (sent or held) is dropped. */
  abandon(): number {
    const bytes = this.written - this.processed + this.heldBytes;
    this.held = [];
    this.heldBytes = 0;
    this.processed = this.written;
    this.droppedBytes += bytes;
    return bytes;
  }

  private pump() {
    const credit = bytesOf(this.budget.inFlightMs);
    while (this.held.length && this.written - this.processed < credit) {
      const pcm = this.held.shift()!;
      this.heldBytes -= pcm.length;
      this.sendNow(pcm);
    }
  }

  private sendNow(pcm: Buffer) {
    this.written += pcm.length;
    this.act.send(pcm);
  }

  private shed() {
    const q = this.queuedMs();
    if (q > this.budget.boundMs && this.heldBytes > 0) {
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
    if (q > this.budget.targetMs) {
      this.setPartials(false);
      return this.setState("delayed");
    }
    // Half the target: a stream hovering at the target does not flap between states.
    if (q <= this.budget.targetMs / 2) {
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
    this.act.status(state, Math.round(this.queuedMs()));
  }
}
