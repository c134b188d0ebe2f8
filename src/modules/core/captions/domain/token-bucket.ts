/**
 * A token bucket: holds up to `capacity` tokens and refills at `perSecond`; the caller passes the
 * clock (ms, monotonic) so the rule is pure and testable. A full bucket is the burst allowance: a
 * client that was quiet (or stalled) may spend it at once, then only the refill rate is sustained.
 */
export class TokenBucket {
  private tokens: number;
  private last: number | null = null;

  constructor(
    readonly capacity: number,
    readonly perSecond: number,
  ) {
    this.tokens = capacity;
  }

  /** Tokens available at `now`. */
  level(now: number): number {
    if (this.last !== null && now > this.last) {
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    }
    if (this.last === null || now > this.last) this.last = now;
    return this.tokens;
  }

  /** Takes `amount` if all of it is there; otherwise takes nothing. */
  take(amount: number, now: number): boolean {
    if (this.level(now) < amount) return false;
    this.tokens -= amount;
    return true;
  }

  /** Takes as much of `amount` as is there (whole tokens) and says how much. */
  takeUpTo(amount: number, now: number): number {
    const taken = Math.min(amount, Math.floor(this.level(now)));
    this.tokens -= taken;
    return taken;
  }
}
