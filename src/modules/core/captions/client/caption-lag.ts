import { CHUNK_MS } from "../domain/audio";

/**
 * Lag from speech to final caption, measured in the speaker's browser: the time from when the
 * browser had the 160 ms chunk holding a final's last audio to when that final came back. The
 * ws server states `endMs` on the clock of the audio it received on this connection, so chunk
 * number ⌈endMs / 160⌉ − 1 of the connection is that audio; `reset` starts a new connection's clock.
 */
export class LagMeter {
  private times: number[] = [];
  private base = 0;
  /** Chunks of this connection the server said it received (`heard`). */
  private heardChunks = 0;

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** A new connection: its audio begins with these chunks (queued while away), oldest first. */
  reset(capturedAt: number[]): void {
    this.times = [...capturedAt];
    this.base = 0;
    this.heardChunks = 0;
  }

  /** The server has received `audioMs` of this connection's audio. */
  heard(audioMs: number): void {
    this.heardChunks = Math.max(this.heardChunks, Math.floor(audioMs / CHUNK_MS));
  }

  /**
   * How long ago the oldest audio sent but not yet heard of was captured (0 when the server has
   * all of it): grows through a stalled network, which no socket event reports.
   */
  unheardAge(): number {
    const at = this.times[this.heardChunks - this.base];
    return at === undefined ? 0 : Math.max(0, this.now() - at);
  }

  sent(capturedAt: number): void {
    this.times.push(capturedAt);
  }

  /** Milliseconds for a final ending at `endMs`, or null when that audio is not known here. */
  final(endMs: number): number | null {
    const i = Math.max(0, Math.ceil(endMs / CHUNK_MS) - 1) - this.base;
    const at = this.times[i];
    if (at === undefined) return null;
    // Finals arrive in order, and never for audio the server has not heard: audio before this one
    // will not be asked about again.
    if (i > 1000 && i + this.base <= this.heardChunks) {
      this.times.splice(0, i);
      this.base += i;
    }
    return Math.max(0, this.now() - at);
  }
}
