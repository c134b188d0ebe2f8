import { describe, expect, it } from "vitest";
import { loadWebEnv } from "@/lib/env/web";
import { isAdmin } from "./admin";

const env = (ADMIN_EMAILS?: string) =>
  loadWebEnv({
    DATABASE_URL: "postgres://u:p@localhost:5432/rooms",
    NEXTAUTH_SECRET: "s".repeat(32),
    HOST: "127.0.0.1",
    ...(ADMIN_EMAILS === undefined ? {} : { ADMIN_EMAILS }),
  }).ADMIN_EMAILS;

describe("administrators from ADMIN_EMAILS", () => {
  it("parses a comma list, trimming, lowercasing and dropping empty entries", () => {
    expect(env(" Ada@Example.com, ,bob@example.com,")).toEqual(["ada@example.com", "bob@example.com"]);
    expect(env()).toEqual([]);
    expect(env("")).toEqual([]);
  });

  it("matches emails case-insensitively and nothing else", () => {
    const admins = env("Ada@Example.com");
    expect(isAdmin({ email: "ada@example.COM", emailVerified: true }, admins)).toBe(true);
    expect(isAdmin({ email: "ada@example.com.evil", emailVerified: true }, admins)).toBe(false);
    expect(isAdmin({ email: "bob@example.com", emailVerified: true }, admins)).toBe(false);
    expect(isAdmin(null, admins)).toBe(false);
    expect(isAdmin({ email: "", emailVerified: true }, env(""))).toBe(false);
  });

  it("counts only a verified address", () => {
    expect(isAdmin({ email: "ada@example.com", emailVerified: false }, env("ada@example.com"))).toBe(false);
  });
});
