import { describe, expect, it } from "vitest";
import { SETTINGS } from "../settings";
import { TextRate } from "./text-rate";

describe("text rate", () => {
  it("charges messages by size before parsing: a few full-size resends, many small ones", () => {
    const full = new TextRate();
    let big = 0;
    while (full.admit(SETTINGS.maxTextBytes, 0)) big++;
    expect(big).toBe(Math.floor(SETTINGS.textRate.messageTokens / 9));
    const small = new TextRate();
    let n = 0;
    while (small.admit(20, 0)) n++;
    expect(n).toBe(SETTINGS.textRate.messageTokens);
    // A second later there is room for a few more, not for a flood.
    expect(small.admit(20, 1_000)).toBe(true);
  });

  it("lets a reconnect's backlog of finals in at once, then only the sustained rate", () => {
    const r = new TextRate();
    expect(r.resendAllowance(500, 0)).toBe(500);
    expect(r.resendAllowance(SETTINGS.textRate.resendFinals, 0)).toBe(SETTINGS.textRate.resendFinals - 500);
    expect(r.resendAllowance(500, 1_000)).toBe(SETTINGS.textRate.resendFinalsPerSecond);
  });
});
