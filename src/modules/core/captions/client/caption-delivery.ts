/** Past this, the audio this browser captured is reported behind: above `heard`'s 1 s cadence plus jitter. */
const DELIVERY_BUDGET_MS = 3_000;

/**
 * Whether this browser's own audio reaches the server in time. A stalled network leaves the socket
 * open, so no socket event says so: the age of the oldest audio sent but not yet heard of, or still
 * held in the reconnect backlog, does. Reports changes only.
 */
export class DeliveryWatch {
  private behind = false;

  constructor(
    private readonly onChange: ((behind: boolean) => void) | undefined,
    private readonly budgetMs = DELIVERY_BUDGET_MS,
  ) {}

  /**
   * `unheardAge`: how old the oldest audio sent but not yet heard of is; `oldestHeldAt`: when the
   * backlog's oldest chunk was captured.
   */
  check(unheardAge: number, oldestHeldAt: number | undefined, now: number): void {
    const held = oldestHeldAt === undefined ? 0 : now - oldestHeldAt;
    this.set(Math.max(unheardAge, held) > this.budgetMs);
  }

  /** A new or lost socket starts on time: until then its own state speaks for it. */
  clear(): void {
    this.set(false);
  }

  private set(behind: boolean): void {
    if (behind === this.behind) return;
    this.behind = behind;
    this.onChange?.(behind);
  }
}
