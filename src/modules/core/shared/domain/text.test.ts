import { describe, expect, it } from "vitest";
import { lineOfText } from "./text";

describe("lineOfText", () => {
  const name = lineOfText(80);

  it.each([
    ["a bidi override that reverses what follows", "Host\u202Etxt.exe"],
    ["a right-to-left isolate", "Ana\u2067ly"],
    ["a zero-width space", "Ho\u200Bst"],
    ["a zero-width joiner", "Ho\u200Dst"],
    ["a zero-width no-break space", "Ho\uFEFFst"],
    ["a line separator", "Host\u2028Name"],
    ["a paragraph separator", "Host\u2029Name"],
    ["a C0 control", "Host\u0007"],
    ["a C1 control", "Host\u0085x"],
  ])("rejects %s", (_why, value) => {
    expect(name.safeParse(value).success).toBe(false);
  });

  it.each(["Hana Host", "Zoë Ødegård", "Дмитрий", "محمد", "李雷", "Sam 🎉"])("accepts %s", (value) => {
    expect(name.parse(`  ${value} `)).toBe(value);
  });
});
