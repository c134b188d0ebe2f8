import { describe, expect, it } from "vitest";
import { frameProblem, parseClientMessage, textFrame } from "./frames";

describe("frame checks", () => {
  it.each([
    [99, "FRAME_TOO_SMALL"],
    [100, null],
    [5120, null],
    [65_536, null],
    [65_538, "FRAME_TOO_LARGE"],
    [5121, "FRAME_ODD_LENGTH"],
  ])("%i bytes → %s", (bytes, problem) => {
    expect(frameProblem(bytes)).toBe(problem);
  });
});

describe("client messages", () => {
  it("parses protocol messages and nothing else", () => {
    expect(parseClientMessage(Buffer.from('{"type":"pause"}'))).toEqual({ type: "pause" });
    for (const bad of ["{", '{"type":"pause","x":1}', '{"type":"auth"}', "[]", '"auth"']) {
      expect(parseClientMessage(Buffer.from(bad))).toBeNull();
    }
  });

  it("refuses a text frame over the size limit before it is parsed", () => {
    const huge = Buffer.from(JSON.stringify({ type: "auth", token: "x".repeat(600_000) }));
    expect(textFrame(huge)).toBeNull();
    expect(textFrame([huge.subarray(0, 300_000), huge.subarray(300_000)])).toBeNull();
    expect(textFrame([Buffer.from('{"type":'), Buffer.from('"pause"}')])?.toString()).toBe(
      '{"type":"pause"}',
    );
  });
});
