import { describe, expect, it } from "vitest";
import { decodeReaction, encodeReaction, reactionGate } from "./reactions";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("reactions", () => {
  it("reads only a known reaction; whatever else a message carries is ignored", () => {
    expect(decodeReaction(encodeReaction("party"))).toBe("party");
    expect(
      decodeReaction(bytes(JSON.stringify({ reaction: "clap", identity: "user-host", name: "Hana" }))),
    ).toBe("clap");
    expect(decodeReaction(bytes(JSON.stringify({ reaction: "<img src=x>" })))).toBeNull();
    expect(decodeReaction(bytes(JSON.stringify({ reaction: "__proto__" })))).toBeNull();
    expect(decodeReaction(bytes("not json"))).toBeNull();
    expect(decodeReaction(bytes("null"))).toBeNull();
  });

  it("lets each sender through at most 3 times in 5 s, each sender apart", () => {
    const allow = reactionGate();
    expect([0, 100, 200, 300].map((t) => allow("a", t))).toEqual([true, true, true, false]);
    expect(allow("b", 300)).toBe(true);
    expect(allow("a", 4_999)).toBe(false);
    expect(allow("a", 5_001)).toBe(true);
  });
});
