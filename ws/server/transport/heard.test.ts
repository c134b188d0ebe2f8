import { afterEach, describe, expect, it, vi } from "vitest";
import { HeardClock } from "./heard";

const CHUNK = 5_120; // 160 ms of PCM16LE at 16 kHz

describe("HeardClock", () => {
  afterEach(() => void vi.useRealTimers());

  it("reports the audio received at most once a second, and the last audio too", () => {
    vi.useFakeTimers();
    const told: number[] = [];
    const clock = new HeardClock(1_000, (ms) => told.push(ms));
    for (let i = 0; i < 10; i++) {
      clock.receive(CHUNK);
      vi.advanceTimersByTime(160);
    }
    // Once after the first second, with all 7 chunks received by then.
    expect(told).toEqual([1_120]);
    // Audio stops: what came after the first report is still told, within a second.
    vi.advanceTimersByTime(1_000);
    expect(told).toEqual([1_120, 1_600]);
    // Nothing arrives: nothing is said (a stalled client hears nothing from here).
    vi.advanceTimersByTime(10_000);
    expect(told).toEqual([1_120, 1_600]);
  });

  it("says nothing after it is disposed", () => {
    vi.useFakeTimers();
    const told: number[] = [];
    const clock = new HeardClock(1_000, (ms) => told.push(ms));
    clock.receive(CHUNK);
    clock.dispose();
    vi.advanceTimersByTime(5_000);
    expect(told).toEqual([]);
  });
});
