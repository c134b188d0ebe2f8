/**
 * Everyone's audio in one mono track. Each subscribed track feeds its own small jitter buffer; the
 * recorder's clock pulls exactly as many samples as have elapsed, so the mix (and the file) runs at
 * wall-clock speed: silence when nobody speaks, a late joiner placed where they joined, and a
 * track that stalls or bursts neither stretches nor shrinks the recording.
 */

/** How much audio a track holds before it is mixed in: absorbs network jitter. */
export const JITTER_MS = 60;
/** Beyond this a track's backlog is trimmed back to JITTER_MS (its clock runs ahead of ours). */
export const MAX_BACKLOG_MS = 300;

class TrackBuffer {
  private chunks: Int16Array[] = [];
  private head = 0;
  available = 0;
  primed = false;

  constructor(
    private readonly jitter: number,
    private readonly maxBacklog: number,
  ) {}

  push(samples: Int16Array): void {
    this.chunks.push(samples);
    this.available += samples.length;
    if (!this.primed && this.available >= this.jitter) this.primed = true;
    if (this.available > this.maxBacklog) this.skip(this.available - this.jitter);
  }

  /** Adds up to `out.length` samples into `out`; an underrun waits to be primed again. */
  mixInto(out: Int32Array): void {
    if (!this.primed) return;
    let i = 0;
    while (i < out.length && this.chunks.length) {
      const chunk = this.chunks[0]!;
      const n = Math.min(out.length - i, chunk.length - this.head);
      for (let k = 0; k < n; k++) out[i + k]! += chunk[this.head + k]!;
      i += n;
      this.consume(n);
    }
    if (i < out.length) this.primed = false;
  }

  private skip(n: number): void {
    while (n > 0 && this.chunks.length) {
      const take = Math.min(n, this.chunks[0]!.length - this.head);
      this.consume(take);
      n -= take;
    }
  }

  private consume(n: number): void {
    this.head += n;
    this.available -= n;
    if (this.head >= this.chunks[0]!.length) {
      this.chunks.shift();
      this.head = 0;
    }
  }
}

export class AudioMix {
  private readonly tracks = new Map<string, TrackBuffer>();
  private readonly jitter: number;
  private readonly maxBacklog: number;

  constructor(readonly sampleRate: number) {
    this.jitter = Math.round((sampleRate * JITTER_MS) / 1000);
    this.maxBacklog = Math.round((sampleRate * MAX_BACKLOG_MS) / 1000);
  }

  get trackCount(): number {
    return this.tracks.size;
  }

  /** Mono 16-bit samples at `sampleRate` from one track. */
  push(trackId: string, samples: Int16Array): void {
    let t = this.tracks.get(trackId);
    if (!t) {
      t = new TrackBuffer(this.jitter, this.maxBacklog);
      this.tracks.set(trackId, t);
    }
    t.push(samples);
  }

  remove(trackId: string): void {
    this.tracks.delete(trackId);
  }

  /** The next `count` samples of the mix, clipped to 16 bits. */
  pull(count: number): Int16Array {
    const acc = new Int32Array(count);
    for (const t of this.tracks.values()) t.mixInto(acc);
    const out = new Int16Array(count);
    for (let i = 0; i < count; i++) out[i] = Math.max(-32768, Math.min(32767, acc[i]!));
    return out;
  }
}
