import { describe, expect, inject, it } from "vitest";
import { readError } from "../support/contract";

/**
 * Paths that cannot be percent-decoded, on the running server: Next's router answered them with a
 * bare text 500 once a dynamic segment was involved; the proxy turns them into the API's error
 * envelope or the app's not-found page. And API paths no route serves (found by `fuzz:api --http`
 * with `..` params): the error envelope, not the HTML not-found page.
 */
describe("malformed percent-encoding in the path", () => {
  const baseUrl = inject("baseUrl");

  it.each([
    ["GET", "/api/spaces/%ff"],
    ["GET", "/api/sessions/%ff/transcript"],
    ["POST", "/api/sessions/%ff/end"],
    ["PATCH", "/api/spaces/%e0%a4%a/members/x"],
    ["DELETE", "/api/spaces/%/tasks/%ff"],
  ])("%s %s answers 400 with the error envelope", async (method, path) => {
    const res = await fetch(`${baseUrl}${path}`, { method, headers: { "x-forwarded-for": "10.58.0.1" } });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect((await readError(res)).code).toBe("invalid_path");
  });

  it.each(["/s/%ff", "/spaces/%ff", "/s/%ff/transcript"])(
    "page %s is the app's not-found page",
    async (path) => {
      const res = await fetch(`${baseUrl}${path}`, { headers: { "accept-language": "en" } });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      expect(res.headers.get("content-security-policy")).toContain("nonce-");
      expect(await res.text()).toContain("404");
    },
  );

  it("still serves well-formed paths", async () => {
    const res = await fetch(`${baseUrl}/api/health`);
    expect(res.status).toBe(200);
  });

  it.each([
    ["GET", "/api/nothing-here"],
    ["POST", "/api/transcription/token"],
    ["DELETE", "/api/spaces/x/y/z/w"],
    ["PATCH", "/api/sessions/abc-defg-hij/nothing"],
  ])("%s %s (no such route) answers 404 with the error envelope", async (method, path) => {
    const res = await fetch(`${baseUrl}${path}`, { method, headers: { "x-forwarded-for": "10.58.0.2" } });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect((await readError(res)).code).toBe("not_found");
  });
});
