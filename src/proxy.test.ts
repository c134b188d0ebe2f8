import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { proxy } from "./proxy";
import { isMalformedPath } from "./server/http/path";

describe("paths that cannot be percent-decoded", () => {
  beforeAll(() => {
    // The page branch builds the CSP from the web env, which refuses to load without these.
    vi.stubEnv("DATABASE_URL", "postgres://unused@127.0.0.1:1/unused");
    vi.stubEnv("NEXTAUTH_SECRET", "unit-test-secret-0123456789abcdef0123456789");
    vi.stubEnv("HOST", "127.0.0.1");
  });

  it.each(["/api/spaces/%ff", "/s/%e0%a4%a", "/spaces/%", "/api/x/%c3%28"])("%s is malformed", (p) => {
    expect(isMalformedPath(p)).toBe(true);
  });

  it.each(["/api/spaces/abc", "/s/%D0%BF%D1%80%D0%B8", "/api/x%20y", "/"])("%s is fine", (p) => {
    expect(isMalformedPath(p)).toBe(false);
  });

  it("answers an API path with 400 invalid_path in the error envelope", async () => {
    const res = proxy(new NextRequest("http://localhost:3000/api/sessions/%ff/end", { method: "POST" }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_path", message: expect.any(String) } });
  });

  it("lets well-formed API paths through untouched", () => {
    const res = proxy(new NextRequest("http://localhost:3000/api/spaces/abc"));
    expect(res.headers.get("x-middleware-next")).toBe("1");
    expect(res.headers.get("content-security-policy")).toBeNull();
  });

  it("sends a page path to the not-found page, with the page's CSP", () => {
    const res = proxy(new NextRequest("http://localhost:3000/s/%ff"));
    expect(new URL(res.headers.get("x-middleware-rewrite")!).pathname).toBe("/_malformed-path");
    expect(res.headers.get("content-security-policy")).toContain("nonce-");
  });
});
