import { describe, expect, it } from "vitest";
import { z } from "zod";
import { endpoint, urlOf } from "./http-contract";

const recordingFile = endpoint({
  method: "GET",
  path: "/api/sessions/[slug]/recordings/[id]/file",
  response: z.unknown(),
});

describe("urlOf", () => {
  it("fills each [name] segment, encoded, and appends the query", () => {
    expect(urlOf(recordingFile, { slug: "abc-defg-hij", id: "a/b?c" }, { download: "1" })).toBe(
      "/api/sessions/abc-defg-hij/recordings/a%2Fb%3Fc/file?download=1",
    );
    expect(urlOf(endpoint({ method: "GET", path: "/api/spaces", response: z.unknown() }))).toBe(
      "/api/spaces",
    );
  });

  it("refuses to build a URL with a path parameter missing", () => {
    expect(() => urlOf(recordingFile, { slug: "abc-defg-hij" })).toThrow(/missing path parameter id/);
  });
});
