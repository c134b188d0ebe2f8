import { describe, expect, it } from "vitest";
import { guestIdentity, userIdentity } from "@/modules/core/sessions/domain/video-session";
import { badgeOf } from "./participant-role";

const host = JSON.stringify({ role: "HOST" });
const guest = JSON.stringify({ role: "GUEST" });

describe("participant badges", () => {
  it("marks the host by the token's role and anonymous guests by their identity", () => {
    expect(badgeOf({ identity: userIdentity("u1"), metadata: host })).toBe("HOST");
    expect(badgeOf({ identity: guestIdentity("g1"), metadata: guest })).toBe("GUEST");
    // A signed-in participant who is not the host: their name is their account's.
    expect(badgeOf({ identity: userIdentity("u2"), metadata: guest })).toBeNull();
  });

  it("never shows an anonymous guest as the host, whatever the metadata says", () => {
    expect(badgeOf({ identity: guestIdentity("g2"), metadata: host })).toBe("GUEST");
    expect(badgeOf({ identity: guestIdentity("g3"), metadata: "not json" })).toBe("GUEST");
  });
});
