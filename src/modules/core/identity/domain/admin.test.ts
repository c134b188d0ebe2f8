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
    expect(isAdmin({ email: "ada@example.COM" }, admins)).toBe(true);
    expect(isAdmin({ email: "ada@example.com.evil" }, admins)).toBe(false);
    expect(isAdmin({ email: "bob@example.com" }, admins)).toBe(false);
    expect(isAdmin(null, admins)).toBe(false);
    expect(isAdmin({ email: "" }, env(""))).toBe(false);
  });
});
