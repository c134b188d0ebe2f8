import { describe, expect, it } from "vitest";
import { claimsEmailVerified } from "./user";

describe("email_verified as providers send it", () => {
  it("is verified only for true or the string 'true'", () => {
    expect(claimsEmailVerified(true)).toBe(true);
    expect(claimsEmailVerified("true")).toBe(true);
    for (const v of [false, "false", undefined, null, 1, "yes", "TRUE "]) {
      expect(claimsEmailVerified(v)).toBe(false);
    }
  });
});
