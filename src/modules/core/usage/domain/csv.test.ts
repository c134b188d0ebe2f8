import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "./csv";

describe("CSV export", () => {
  it("quotes only fields that need it and doubles quotes", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('say "hi", then')).toBe('"say ""hi"", then"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\rhere")).toBe('"cr\rhere"');
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvField(1.5)).toBe("1.5");
    expect(csvField(Number.NaN)).toBe("");
    expect(csvField(new Date("2026-11-02T10:00:00Z"))).toBe("2026-11-02T10:00:00.000Z");
  });

  it("defuses text a spreadsheet would run as a formula", () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("-2")).toBe("'-2");
    expect(csvField("@me")).toBe("'@me");
    // Numbers are numbers, not text: a negative one keeps its sign.
    expect(csvField(-2)).toBe("-2");
  });

  it("round-trips awkward values through a real CSV parser", () => {
    const rows = [
      ['Ünïcode, and "quotes"', "line\r\nbreak", 12.345, null],
      ["", "tab\there", 0, "end"],
    ];
    const csv = toCsv(["a", "b", "c", "d"], rows);
    expect(csv.endsWith("\r\n")).toBe(true);
    const parsed = parse(csv, { relax_column_count: false }) as string[][];
    expect(parsed).toEqual([
      ["a", "b", "c", "d"],
      ['Ünïcode, and "quotes"', "line\r\nbreak", "12.345", ""],
      ["", "tab\there", "0", "end"],
    ]);
  });
});
