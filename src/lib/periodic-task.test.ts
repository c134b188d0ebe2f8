import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { periodicTask, TaskTimeoutError } from "./periodic-task";

describe("periodicTask", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("abandons a run that hangs so the next tick runs", async () => {
    const signals: AbortSignal[] = [];
    const run = vi.fn((signal: AbortSignal) => {
      signals.push(signal);
      // The first run never settles, like a query on a socket that stopped answering.
      return run.mock.calls.length === 1 ? new Promise<void>(() => {}) : Promise.resolve();
    });
    const onError = vi.fn();
    const tick = periodicTask({ run, timeoutMs: 1_000, onError });

    void tick();
    await vi.advanceTimersByTimeAsync(500);
    void tick(); // still inside the budget: no second run on top of the first
    expect(run).toHaveBeenCalledTimes(1);

    await vi.advanceTimersByTimeAsync(600);
    expect(onError).toHaveBeenCalledWith(expect.any(TaskTimeoutError));
    expect(signals[0]!.aborted).toBe(true);

    await tick();
    expect(run).toHaveBeenCalledTimes(2);
    expect(signals[1]!.aborted).toBe(false);
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it("reports a failed run and keeps going", async () => {
    const run = vi.fn().mockRejectedValueOnce(new Error("db down")).mockResolvedValue(undefined);
    const onError = vi.fn();
    const tick = periodicTask({ run, timeoutMs: 1_000, onError });
    await tick();
    await tick();
    expect(run).toHaveBeenCalledTimes(2);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]![0]).toMatchObject({ message: "db down" });
  });
});
