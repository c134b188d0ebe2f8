import { describe, expect, it } from "vitest";
import type { ApiResult } from "./use-api";
import { startPolling } from "./use-polling";

/** Timers run by hand: each `tick()` is one interval elapsing. */
function manualTimers() {
  let fn: (() => void) | null = null;
  let cleared = false;
  return {
    timers: {
      setInterval: (f: () => void) => ((fn = f), 1),
      clearInterval: () => void (cleared = true),
    },
    tick: () => fn?.(),
    cleared: () => cleared,
  };
}

const flush = () => new Promise((r) => setImmediate(r));

describe("startPolling", () => {
  it("reads at once and on every interval, hands over good answers and keeps the last on failure", async () => {
    const answers: ApiResult<number>[] = [
      { ok: true, data: 1 },
      { ok: false, status: 0, code: "network", message: "offline" },
      { ok: true, data: 3 },
    ];
    const seen: number[] = [];
    const t = manualTimers();
    let reads = 0;
    startPolling({
      read: async () => answers[reads++]!,
      onData: (n) => seen.push(n),
      intervalMs: 1000,
      timers: t.timers,
    });
    await flush();
    expect(seen).toEqual([1]);
    t.tick();
    await flush();
    expect(seen).toEqual([1]);
    t.tick();
    await flush();
    expect(seen).toEqual([1, 3]);
    expect(reads).toBe(3);
  });

  it("survives a read that throws", async () => {
    const seen: number[] = [];
    const t = manualTimers();
    let reads = 0;
    startPolling<number>({
      read: async () => {
        if (reads++ === 0) throw new Error("boom");
        return { ok: true, data: 2 };
      },
      onData: (n) => seen.push(n),
      intervalMs: 1000,
      timers: t.timers,
    });
    await flush();
    t.tick();
    await flush();
    expect(seen).toEqual([2]);
  });

  it("hands nothing over after stop, even an answer already on its way", async () => {
    const seen: number[] = [];
    const t = manualTimers();
    let answer: (r: ApiResult<number>) => void = () => {};
    const stop = startPolling<number>({
      read: () => new Promise((r) => (answer = r)),
      onData: (n) => seen.push(n),
      intervalMs: 1000,
      timers: t.timers,
    });
    stop();
    answer({ ok: true, data: 1 });
    await flush();
    expect(seen).toEqual([]);
    expect(t.cleared()).toBe(true);
  });
});
