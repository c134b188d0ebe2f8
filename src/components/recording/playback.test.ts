import { describe, expect, it } from "vitest";
import { offsetAt, positionOf, recordingFor, segmentIndexAt } from "./playback";

const origin = Date.UTC(2026, 0, 1, 12, 0, 0);
// Recording started 60 s into the session and ran 30 s.
const rec = { id: "r1", startedAtMs: origin + 60_000, durationMs: 30_000 };

describe("transcript ↔ recording mapping", () => {
  it("puts a segment at its wall-clock moment in the file", () => {
    expect(positionOf(rec, origin, 75_000)).toBe(15);
    expect(positionOf(rec, origin, 60_000)).toBe(0);
    // Said a moment before Record: plays from the start; long before or after: not in this file.
    expect(positionOf(rec, origin, 59_000)).toBe(0);
    expect(positionOf(rec, origin, 50_000)).toBeNull();
    expect(positionOf(rec, origin, 91_000)).toBeNull();
  });

  it("reads the offset being heard back from the file's time", () => {
    expect(offsetAt(rec, origin, 15)).toBe(75_000);
    expect(positionOf(rec, origin, offsetAt(rec, origin, 12.5))).toBe(12.5);
  });

  it("picks the recording that holds a moment", () => {
    const later = { id: "r2", startedAtMs: origin + 120_000, durationMs: 10_000 };
    expect(recordingFor([rec, later], origin, 125_000)?.id).toBe("r2");
    expect(recordingFor([rec, later], origin, 70_000)?.id).toBe("r1");
    expect(recordingFor([rec, later], origin, 100_000)).toBeNull();
  });

  it("finds the segment being heard: the last begun at or before the moment", () => {
    const offsets = [1000, 4000, 4000, 9000];
    expect(segmentIndexAt(offsets, 500)).toBe(-1);
    expect(segmentIndexAt(offsets, 1000)).toBe(0);
    expect(segmentIndexAt(offsets, 5000)).toBe(2);
    expect(segmentIndexAt(offsets, 8999)).toBe(2);
    expect(segmentIndexAt(offsets, 60_000)).toBe(3);
    expect(segmentIndexAt([], 5)).toBe(-1);
  });
});
