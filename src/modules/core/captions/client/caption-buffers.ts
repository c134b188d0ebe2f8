import { CHUNK_MS } from "../domain/audio";
import type { ClientMessage, FinalSegment, ServerMessage } from "../domain/protocol";

/*
 * What the caption client holds across a lost socket and hands over on the next `ready`: the audio
 * captured meanwhile, and the finals the server has not yet acknowledged as stored.
 */

const RESEND_BATCH = 500;

/** Audio captured while not connected, bounded: when full, the oldest chunk is dropped first. */
export class AudioBacklog {
  private readonly chunks: ArrayBuffer[] = [];
  /** When each chunk was captured, in step with `chunks` (the lag meter starts from it). */
  private readonly capturedAt: number[] = [];
  /** Chunks dropped because the backlog was full. */
  dropped = 0;

  constructor(private readonly max: number) {}

  push(chunk: ArrayBuffer, now: number): void {
    this.chunks.push(chunk);
    this.capturedAt.push(now);
    while (this.chunks.length > this.max) {
      this.chunks.shift();
      this.capturedAt.shift();
      this.dropped += 1;
    }
  }

  clear(): void {
    this.chunks.length = 0;
    this.capturedAt.length = 0;
  }

  get size(): number {
    return this.chunks.length;
  }

  /** When the oldest chunk held was captured. */
  get oldestAt(): number | undefined {
    return this.capturedAt[0];
  }

  /** The oldest chunk and when it was captured, taken out of the backlog. */
  shift(): { chunk: ArrayBuffer; capturedAt: number } | undefined {
    const chunk = this.chunks.shift();
    return chunk && { chunk, capturedAt: this.capturedAt.shift()! };
  }
}

export type Timers = { set(fn: () => void, ms: number): unknown; clear(handle: unknown): void };

/** Backlog replays run at this multiple of real time: under the server's 1.5× sustained rate plus burst. */
const REPLAY_SPEED = 2;

/**
 * Sends a backlog after `ready` at twice real time rather than all at once, so a client catching
 * up never looks like abuse to the server's audio rate (issue 15 part 1); live audio captured
 * meanwhile queues behind it (the caller pushes to the backlog while it is not empty).
 */
export class PacedReplay {
  private timer: unknown = null;
  /** Bumped by every start/stop, so a timer that fires after its replay ended does nothing. */
  private run = 0;

  constructor(
    private readonly backlog: AudioBacklog,
    private readonly timers: Timers,
  ) {}

  start(send: (chunk: ArrayBuffer, capturedAt: number) => void): void {
    this.stop();
    this.next(send, this.run);
  }

  stop(): void {
    this.run += 1;
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }

  private next(send: (chunk: ArrayBuffer, capturedAt: number) => void, run: number): void {
    if (run !== this.run) return;
    this.timer = null;
    const item = this.backlog.shift();
    if (!item) return;
    send(item.chunk, item.capturedAt);
    if (this.backlog.size) {
      this.timer = this.timers.set(() => this.next(send, run), CHUNK_MS / REPLAY_SPEED);
    }
  }
}

/** Signed finals kept until the server acknowledges them, so a new socket can re-send them. */
export class UnackedFinals {
  private readonly byId = new Map<string, FinalSegment>();

  /** Only a signed final can be re-sent: the server refuses finals it cannot verify as its own. */
  keep(msg: Extract<ServerMessage, { type: "transcript" }>): void {
    if (!msg.isFinal || !msg.sig) return;
    this.byId.set(msg.utteranceId, {
      utteranceId: msg.utteranceId,
      text: msg.text,
      startMs: msg.startMs,
      endMs: msg.endMs,
      language: msg.language,
      confidence: msg.confidence,
      sig: msg.sig,
    });
  }

  ack(utteranceIds: string[]): void {
    for (const id of utteranceIds) this.byId.delete(id);
  }

  list(): FinalSegment[] {
    return [...this.byId.values()];
  }

  /** `resend` messages for every kept final, in batches small enough for one server frame. */
  resendMessages(): ClientMessage[] {
    const finals = this.list();
    const messages: ClientMessage[] = [];
    for (let i = 0; i < finals.length; i += RESEND_BATCH) {
      messages.push({ type: "resend", finals: finals.slice(i, i + RESEND_BATCH) });
    }
    return messages;
  }
}
