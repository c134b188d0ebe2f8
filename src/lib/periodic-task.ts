/** Raised into `onError` when a run exceeds its time budget; the next tick starts a fresh run. */
export class TaskTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`periodic task took longer than ${timeoutMs} ms; abandoned so the next run can start`);
    this.name = "TaskTimeoutError";
  }
}

/**
 * One tick of a periodic job: skipped while the previous run is still inside its time budget, and
 * a run that outlives the budget is abandoned (its signal aborted) so that one stuck run (a hung
 * socket, a lock wait) cannot stop every later one. Runs must tolerate an abandoned predecessor
 * still finishing, which guarded state transitions do.
 */
export function periodicTask(opts: {
  run: (signal: AbortSignal) => Promise<void>;
  timeoutMs: number;
  onError: (err: unknown) => void;
}): () => Promise<void> {
  let current: Promise<void> | null = null;
  return () => {
    if (current) return current;
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const err = new TaskTimeoutError(opts.timeoutMs);
        controller.abort(err);
        reject(err);
      }, opts.timeoutMs);
      timer.unref?.();
    });
    current = Promise.race([opts.run(controller.signal), expired])
      .catch(opts.onError)
      .finally(() => {
        clearTimeout(timer);
        current = null;
      });
    return current;
  };
}
