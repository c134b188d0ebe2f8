import contentDisposition from "content-disposition";
import { describe, expect, it } from "vitest";
import { exportFilename } from "./export-filename";

const base = {
  slug: "abc-def",
  startedAt: new Date("2026-12-05T23:30:00Z"),
  language: null,
  format: "vtt" as const,
};

describe("exportFilename", () => {
  it("names the file by the session's title and day", () => {
    expect(exportFilename({ ...base, title: "Weekly sync" })).toEqual({
      filename: "Weekly sync 2026-12-05.vtt",
      fallback: "Weekly sync 2026-12-05.vtt",
    });
    expect(exportFilename({ ...base, title: "Weekly sync", language: "ru" }).filename).toBe(
      "Weekly sync 2026-12-05.ru.vtt",
    );
  });

  it("drops what file systems refuse, path separators and control characters included", () => {
    const { filename } = exportFilename({ ...base, title: '../Q3 / "plan"\u0000: <draft>?\u202e' });
    expect(filename).toBe("Q3 plan draft 2026-12-05.vtt");
    expect(exportFilename({ ...base, title: " ... " }).filename).toBe("transcript 2026-12-05.vtt");
    expect([...exportFilename({ ...base, title: "я".repeat(300) }).filename].length).toBe(80 + 15);
  });

  it("keeps a non-ASCII title for filename* (RFC 5987) with an ASCII fallback", () => {
    const name = exportFilename({ ...base, title: "Планёрка «Q3»" });
    expect(name.filename).toBe("Планёрка «Q3» 2026-12-05.vtt");
    expect(name.fallback).toBe("transcript-abc-def 2026-12-05.vtt");
    expect(contentDisposition(name.filename, { fallback: name.fallback })).toBe(
      `attachment; filename="transcript-abc-def 2026-12-05.vtt"; filename*=UTF-8''` +
        "%D0%9F%D0%BB%D0%B0%D0%BD%D1%91%D1%80%D0%BA%D0%B0%20%C2%ABQ3%C2%BB%202026-12-05.vtt",
    );
  });
});
