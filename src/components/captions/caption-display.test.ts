import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import axe from "axe-core";
import { describe, expect, it } from "vitest";
import { CAPTION_PANEL, CAPTION_TEXT } from "./caption-display";

/** axe-core's colour maths (typed here: its .d.ts leaves `commons.color` out). */
type AxeColor = { parseString(css: string): void };
type AxeColorApi = {
  Color: new (r?: number, g?: number, b?: number, a?: number) => AxeColor;
  flattenColors(fg: AxeColor, bg: AxeColor): AxeColor;
  getContrast(bg: AxeColor, fg: AxeColor): number;
};
const colour = (axe.commons as unknown as { color: AxeColorApi }).color;

/** Tailwind's own palette, as the built CSS uses it. */
const theme = readFileSync(createRequire(import.meta.url).resolve("tailwindcss/theme.css"), "utf8");

function parse(css: string): AxeColor {
  const c = new colour.Color();
  c.parseString(css);
  return c;
}

/** `text-zinc-300` → Tailwind's value of --color-zinc-300. */
function textColour(cls: string): AxeColor {
  const name = cls.replace(/^text-/, "");
  if (name === "white") return parse("#ffffff");
  const value = new RegExp(`--color-${name}:\\s*([^;]+);`).exec(theme)?.[1];
  if (!value) throw new Error(`no Tailwind colour for ${cls}`);
  return parse(value);
}

describe("caption colours over video", () => {
  it("every text colour clears WCAG AA (4.5:1) on the panel over a white and a black frame", () => {
    const opacity = Number(/^bg-black\/(\d+)$/.exec(CAPTION_PANEL)?.[1]) / 100;
    expect(opacity).toBeGreaterThan(0);
    for (const frame of ["#ffffff", "#000000"]) {
      const panel = colour.flattenColors(new colour.Color(0, 0, 0, opacity), parse(frame));
      for (const [role, cls] of Object.entries(CAPTION_TEXT)) {
        const ratio = colour.getContrast(panel, textColour(cls));
        expect(ratio, `${role} (${cls}) over ${frame}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });
});
