export type ReconnectOptions = {
  backoff?: { baseMs: number; maxMs: number };
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
};

/**
 * When the caption client tries again: exponential backoff with "equal jitter" (half the window
 * fixed, half random) so that clients dropped together spread out instead of returning at once.
 */
export class ReconnectPolicy {
  private attempt = 0;
  private timer: unknown = null;
  private readonly backoff: { baseMs: number; maxMs: number };
  private readonly random: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(opts: ReconnectOptions) {
    this.backoff = opts.backoff ?? { baseMs: 500, maxMs: 15_000 };
    this.random = opts.random ?? Math.random;
    this.setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  /** Runs `retry` once the next window has passed; each call widens the window. */
  schedule(retry: () => void): void {
    const window = Math.min(this.backoff.maxMs, this.backoff.baseMs * 2 ** this.attempt);
    this.attempt += 1;
    const delay = window / 2 + this.random() * (window / 2);
    this.timer = this.setTimer(() => {
      this.timer = null;
      retry();
    }, delay);
  }

  cancel(): void {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
  }

  /** A `ready` came: the next loss starts again from the smallest window. */
  reset(): void {
    this.attempt = 0;
  }

  /** Failed attempts since the last reset. */
  get attempts(): number {
    return this.attempt;
  }
}
