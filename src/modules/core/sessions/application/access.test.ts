import { describe, expect, it } from "vitest";
import { accessFor } from "./access";

const creator = "11111111-1111-4111-8111-111111111111";
const other = "22222222-2222-4222-8222-222222222222";

describe("accessFor", () => {
  const open = { createdByUserId: creator, allowGuests: true };
  const closed = { createdByUserId: creator, allowGuests: false };

  it("makes the creator HOST only while a member of the space", () => {
    expect(accessFor(open, { userId: creator, spaceRole: "MEMBER", guestId: null }).role).toBe("HOST");
    expect(accessFor(open, { userId: creator, spaceRole: null, guestId: null })).toMatchObject({
      role: "GUEST",
      spaceRole: null,
      identity: `user-${creator}`,
    });
    expect(() => accessFor(closed, { userId: creator, spaceRole: null, guestId: null })).toThrow(
      expect.objectContaining({ code: "session_not_found" }),
    );
  });

  it("lets other members in as GUEST, keeping their space role", () => {
    expect(accessFor(closed, { userId: other, spaceRole: "ADMIN", guestId: null })).toMatchObject({
      role: "GUEST",
      spaceRole: "ADMIN",
    });
  });

  it("gives anonymous visitors of a members-only session the not-found answer, with a sign-in hint", () => {
    const err = (() => {
      try {
        accessFor(closed, { userId: null, spaceRole: null, guestId: null });
      } catch (e) {
        return e as { code: string; userMessage: string; kind: string };
      }
    })();
    expect(err).toMatchObject({ code: "session_not_found", kind: "not_found" });
    expect(err?.userMessage).toMatch(/sign in/i);
  });

  it("identifies anonymous guests by their cookie id", () => {
    expect(accessFor(open, { userId: null, spaceRole: null, guestId: "g1" })).toEqual({
      identity: "guest-g1",
      role: "GUEST",
      spaceRole: null,
      userId: null,
    });
  });
});
