import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-callback";

const origin = "http://localhost:3000";

describe("safeCallbackPath", () => {
  it("keeps same-origin paths with their query and hash", () => {
    expect(safeCallbackPath("/s/abc-def", origin)).toBe("/s/abc-def");
    expect(safeCallbackPath("/spaces/1?tab=members#x", origin)).toBe("/spaces/1?tab=members#x");
    expect(safeCallbackPath("http://localhost:3000/profile", origin)).toBe("/profile");
    expect(safeCallbackPath(["/profile", "//evil.example"], origin)).toBe("/profile");
  });

  it.each([
    "//evil.example",
    "//evil.example/path",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/%09/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/\n/evil.example",
    "https://evil.example",
    "https:evil.example",
    "http://localhost:3001/",
    "https://localhost:3000/",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
  ])("sends %j to a page on this origin", (value) => {
    const path = safeCallbackPath(value, origin);
    expect(path.startsWith("/")).toBe(true);
    expect(path.startsWith("//")).toBe(false);
    // What the browser would navigate to from the sign-in page.
    expect(new URL(path, `${origin}/signin`).origin).toBe(origin);
  });

  it("never keeps a path that would read as another host", () => {
    expect(safeCallbackPath("/.//evil.example", origin)).toBe("/evil.example");
    expect(safeCallbackPath("https://evil.example", origin)).toBe("/");
    expect(safeCallbackPath("javascript:alert(1)", origin)).toBe("/");
  });

  it("falls back to / for empty or non-string input", () => {
    expect(safeCallbackPath(undefined, origin)).toBe("/");
    expect(safeCallbackPath("", origin)).toBe("/");
    expect(safeCallbackPath(42, origin)).toBe("/");
  });
});
