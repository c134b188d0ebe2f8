import { describe, expect, it } from "vitest";
import { dateTimeFormatter, formatDate } from "./format";

const at = new Date("2026-03-05T14:07:00Z");

describe("date formatting", () => {
  it("names the zone of a server-side render in both languages", () => {
    // Node 20 throws on dateStyle + timeZoneName, which took down every space page with a session.
    expect(dateTimeFormatter("en", "UTC").format(at)).toBe("Mar 5, 2026, 2:07 PM UTC");
    expect(dateTimeFormatter("ru", "UTC").format(at)).toBe("5 мар. 2026 г., 14:07 UTC");
  });

  it("formats in the runtime's zone without a zone name", () => {
    expect(dateTimeFormatter("en").format(at)).not.toMatch(/UTC|GMT/);
    expect(formatDate("en", at.toISOString())).toBe("Mar 5, 2026");
  });

  it("shows a calendar day kept as midnight UTC as that day, whatever the runtime's zone", () => {
    // In the Americas the runtime's zone would show the day before.
    expect(formatDate("en", "2026-12-04", "UTC")).toBe("Dec 4, 2026");
    expect(formatDate("ru", new Date("2026-12-04T00:00:00Z"), "UTC")).toBe("4 дек. 2026 г.");
    expect(formatDate("en", "2026-12-04", "America/Los_Angeles")).toBe("Dec 3, 2026");
  });
});
