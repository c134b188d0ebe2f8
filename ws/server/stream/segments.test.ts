import { describe, expect, it } from "vitest";
import { toSegment } from "./segments";

describe("segments", () => {
  it("prefixes the stream id and clamps provider numbers into the protocol's ranges", () => {
    expect(
      toSegment("s1", {
        id: "u7",
        text: "hello",
        isFinal: true,
        startMs: -3.4,
        endMs: 812.6,
        language: "en",
        confidence: 1.2,
      }),
    ).toEqual({ utteranceId: "s1:u7", text: "hello", startMs: 0, endMs: 813, language: "en", confidence: 1 });
  });
});
