/**
 * Calls `onQuiet` once when no audio has arrived for `quietMs` (a muted microphone sends nothing,
 * so a speech gate's hangover, counted in audio, never passes). Judged after the event loop's I/O
 * (setImmediate): when the process itself stalled, audio that waited in the socket meanwhile
 * arrives first, so a slow server does not cut a speaker mid-word. Armed again by the next audio.
 */
export class QuietClock {
  private timer: NodeJS.Timeout | null = null;
  private lastAt = 0;
  private disposed = false;

  constructor(
    private readonly quietMs: number,
    private readonly onQuiet: () => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  audio(): void {
    this.lastAt = this.now();
    if (!this.timer && !this.disposed) this.arm(this.quietMs);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(ms: number) {
    this.timer = setTimeout(() => setImmediate(() => this.check()), ms);
    this.timer.unref();
  }

  private check() {
    this.timer = null;
    if (this.disposed) return;
    const quiet = this.now() - this.lastAt;
    if (quiet >= this.quietMs) this.onQuiet();
    else this.arm(this.quietMs - quiet);
  }
}
