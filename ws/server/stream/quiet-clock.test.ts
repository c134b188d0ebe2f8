import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { QuietClock } from "./quiet-clock";

describe("QuietClock", () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] }));
  afterEach(() => vi.useRealTimers());

  // The check runs on a (real) setImmediate after the timer: let it run too.
  const advance = async (ms: number) => {
    vi.advanceTimersByTime(ms);
    await new Promise((r) => setImmediate(r));
  };
  const clock = () => {
    const quiet = vi.fn();
    return { quiet, c: new QuietClock(1_500, quiet, () => Date.now()) };
  };

  it("says once that audio stopped, quietMs after the last chunk, and again only after new audio", async () => {
    const { quiet, c } = clock();
    c.audio();
    await advance(1_499);
    expect(quiet).not.toHaveBeenCalled();
    await advance(1);
    expect(quiet).toHaveBeenCalledTimes(1);
    await advance(10_000);
    expect(quiet).toHaveBeenCalledTimes(1);
    c.audio();
    await advance(1_500);
    expect(quiet).toHaveBeenCalledTimes(2);
  });

  it("stays silent while chunks keep coming every 160 ms, and counts from the last one", async () => {
    const { quiet, c } = clock();
    for (let i = 0; i < 50; i++) {
      c.audio();
      await advance(160);
    }
    expect(quiet).not.toHaveBeenCalled();
    // The last chunk came 160 ms ago: 1,340 ms more.
    await advance(1_339);
    expect(quiet).not.toHaveBeenCalled();
    await advance(1);
    expect(quiet).toHaveBeenCalledTimes(1);
  });

  it("a disposed clock never calls", async () => {
    const { quiet, c } = clock();
    c.audio();
    c.dispose();
    c.audio();
    await advance(5_000);
    expect(quiet).not.toHaveBeenCalled();
  });
});
