import { describe, expect, it } from "vitest";
import { nextRestart } from "./primary";
import { SETTINGS } from "../settings";

describe("restarting a crashed ws worker", () => {
  const { restart, stableMs, maxRestarts } = SETTINGS.cluster;

  it("backs off longer with each crash in a row, up to the ceiling", () => {
    let crashes = 0;
    const delays: number[] = [];
    for (let i = 0; i < maxRestarts; i++) {
      const next = nextRestart(crashes, 1_000);
      crashes = next.crashesInRow;
      delays.push(next.delayMs!);
    }
    // Full jitter over the upper half of each step: step n lies in [ceiling/2, ceiling].
    delays.forEach((d, n) => {
      const ceiling = Math.min(restart.maxMs, restart.initialMs * restart.factor ** n);
      expect(d).toBeGreaterThanOrEqual(ceiling / 2);
      expect(d).toBeLessThanOrEqual(ceiling);
    });
    expect(crashes).toBe(maxRestarts);
  });

  it("gives up past maxRestarts crashes in a row", () => {
    expect(nextRestart(maxRestarts, 1_000)).toEqual({ crashesInRow: maxRestarts + 1, delayMs: null });
  });

  it("a worker that ran stableMs starts the count again", () => {
    const next = nextRestart(maxRestarts, stableMs);
    expect(next.crashesInRow).toBe(1);
    expect(next.delayMs).toBeLessThanOrEqual(restart.initialMs);
  });
});
