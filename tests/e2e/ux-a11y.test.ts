import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium } from "../support/browser";

/**
 * Issue 18, item 16: dark mode follows the system. The contrast of every screen in the dark
 * scheme is a11y.test.ts's job; this shows the scheme itself switches with prefers-color-scheme.
 */

const baseUrl = inject("baseUrl");
let browser: Browser;

/** Relative luminance (WCAG) of the colours the page computes for `selector`'s background and text. */
function luminances(page: Page, selector: string) {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => {
      // The canvas turns any CSS colour syntax (oklch, lab, rgb) into sRGB bytes.
      const ctx = document.createElement("canvas").getContext("2d")!;
      const lum = (color: string) => {
        ctx.clearRect(0, 0, 1, 1);
        ctx.fillStyle = color;
        ctx.fillRect(0, 0, 1, 1);
        const [r, g, b] = [...ctx.getImageData(0, 0, 1, 1).data].map((v) => {
          const c = v / 255;
          return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      const style = getComputedStyle(el);
      return {
        background: lum(style.backgroundColor),
        text: lum(style.color),
        scheme: getComputedStyle(document.documentElement).colorScheme,
      };
    });
}

describe("dark mode follows the system", () => {
  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it.each(["light", "dark"] as const)("a page in the %s scheme takes that palette", async (scheme) => {
    const context = await browser.newContext({ colorScheme: scheme, locale: "en-US" });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/signin`);
    const body = await luminances(page, "body");
    // The sign-in card: a white surface in light mode.
    const card = await luminances(page, "main .bg-white");
    await context.close();
    expect(body.scheme).toBe(scheme);
    if (scheme === "dark") {
      expect(body.background).toBeLessThan(0.05);
      expect(body.text).toBeGreaterThan(0.6);
      expect(card.background).toBeLessThan(0.05);
    } else {
      expect(body.background).toBeGreaterThan(0.9);
      expect(body.text).toBeLessThan(0.05);
      expect(card.background).toBeGreaterThan(0.9);
    }
  });
});
