import { describe, expect, it } from "vitest";
import { canChangeMember, canDeleteSpace, canManageSpace, spaceName } from "./space";

describe("space rules", () => {
  it("lets owners and admins manage, only owners delete", () => {
    expect([canManageSpace("OWNER"), canManageSpace("ADMIN"), canManageSpace("MEMBER")]).toEqual([
      true,
      true,
      false,
    ]);
    expect([canDeleteSpace("OWNER"), canDeleteSpace("ADMIN"), canDeleteSpace("MEMBER")]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it("keeps the OWNER role for owners to grant or take", () => {
    expect(canChangeMember("OWNER", "OWNER", "MEMBER")).toBe(true);
    expect(canChangeMember("ADMIN", "MEMBER", "ADMIN")).toBe(true);
    expect(canChangeMember("ADMIN", "ADMIN", null)).toBe(true);
    expect(canChangeMember("ADMIN", "MEMBER", "OWNER")).toBe(false);
    expect(canChangeMember("ADMIN", "OWNER", "ADMIN")).toBe(false);
    expect(canChangeMember("ADMIN", "OWNER", null)).toBe(false);
    expect(canChangeMember("MEMBER", "MEMBER", null)).toBe(false);
  });

  it("trims names and refuses empty, long or control-character names", () => {
    expect(spaceName.parse("  Team  ")).toBe("Team");
    for (const bad of ["", "   ", "x".repeat(101), "a\nb"])
      expect(spaceName.safeParse(bad).success).toBe(false);
  });
});
