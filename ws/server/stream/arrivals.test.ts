import { describe, expect, it } from "vitest";
import { Arrivals } from "./arrivals";

const CHUNK = 5_120; // 160 ms

describe("Arrivals", () => {
  it("measures a final's lag from the arrival of the chunk holding its end", () => {
    const a = new Arrivals();
    expect(a.lagOf(100, 0)).toBeNull();
    // Ten chunks, one every 160 ms from t = 1000, then a 10 s burst arriving at t = 20000.
    for (let i = 0; i < 10; i++) a.push(CHUNK, 1_000 + i * 160);
    for (let i = 0; i < 62; i++) a.push(CHUNK, 20_000);
    // endMs 800 is in chunk 4 (640–800 ms), which arrived at 1640.
    expect(a.lagOf(800, 3_000)).toBe(1_360);
    expect(a.lagOf(801, 3_000)).toBe(1_200);
    // Audio of the burst: measured from the burst's arrival, not from when it was spoken.
    expect(a.lagOf(5_000, 21_500)).toBe(1_500);
    // Past the end of what arrived: from the latest arrival.
    expect(a.lagOf(60_000, 21_500)).toBe(1_500);
  });

  it("keeps a bounded number of marks, the newest", () => {
    const a = new Arrivals(10);
    for (let i = 0; i < 100; i++) a.push(CHUNK, i);
    // The oldest kept is chunk 90 (arrived at 90): an older end is measured from it.
    expect(a.lagOf(160, 100)).toBe(10);
    expect(a.lagOf(99 * 160 + 1, 100)).toBe(1);
  });
});
