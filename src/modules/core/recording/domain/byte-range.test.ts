import { describe, expect, it } from "vitest";
import { parseRange } from "./byte-range";

describe("parseRange", () => {
  it("reads one range, an open end and a suffix, clamped to the file", () => {
    expect(parseRange("bytes=0-99", 1000)).toEqual({ kind: "partial", range: { start: 0, end: 99 } });
    expect(parseRange("bytes=900-", 1000)).toEqual({ kind: "partial", range: { start: 900, end: 999 } });
    expect(parseRange("bytes=900-5000", 1000)).toEqual({ kind: "partial", range: { start: 900, end: 999 } });
    expect(parseRange("bytes=-100", 1000)).toEqual({ kind: "partial", range: { start: 900, end: 999 } });
    expect(parseRange("bytes=-5000", 1000)).toEqual({ kind: "partial", range: { start: 0, end: 999 } });
  });
  it("refuses a start past the end and an empty suffix", () => {
    expect(parseRange("bytes=1000-", 1000)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=-0", 1000)).toEqual({ kind: "unsatisfiable" });
  });
  it("serves the whole file for no, malformed, reversed or multiple ranges", () => {
    for (const h of [null, "", "bytes=", "items=0-1", "bytes=5-2", "bytes=0-1,5-6", "bytes=a-b"]) {
      expect([h, parseRange(h, 1000)]).toEqual([h, { kind: "full" }]);
    }
  });
});
