import type { Browser, BrowserContext, Page } from "playwright-core";
import type { Locale } from "@/i18n/config";
import { en, type Messages } from "@/i18n/messages/en";
import { ru } from "@/i18n/messages/ru";
import { forwardedFor, type ScreenWorld, type Who } from "./screen-world";
import type { Screen, Step } from "./screens";

/** One way of looking at every screen: a language, a window, a colour scheme. */
export type Variant = { locale: Locale; viewport: "desktop" | "mobile"; scheme: "light" | "dark" };

export const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 800 } },
  mobile: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
} as const;

/** Every language on both windows; the dark scheme once per language, on one window each. */
export const VARIANTS: Variant[] = [
  { locale: "en", viewport: "desktop", scheme: "light" },
  { locale: "ru", viewport: "desktop", scheme: "light" },
  { locale: "en", viewport: "mobile", scheme: "light" },
  { locale: "ru", viewport: "mobile", scheme: "light" },
  { locale: "en", viewport: "desktop", scheme: "dark" },
  { locale: "ru", viewport: "mobile", scheme: "dark" },
];

export const variantName = (v: Variant) => `${v.locale}-${v.viewport}-${v.scheme}`;

const MESSAGES: Record<Locale, Messages> = { en, ru };
const BROWSER_LOCALE: Record<Locale, string> = { en: "en-US", ru: "ru-RU" };

/**
 * Opens each screen of `screens` that applies to `variant` and hands its settled page to `visit`:
 * one browser context per viewer (`who`), in the variant's language, window and scheme, one page
 * each, kept across rows so that the call's states follow one another.
 */
export async function walkScreens(
  browser: Browser,
  world: ScreenWorld,
  variant: Variant,
  screens: Screen[],
  visit: (screen: Screen, page: Page) => Promise<void>,
): Promise<void> {
  const contexts = new Map<Who, BrowserContext>();
  const pages = new Map<Who, Page>();
  let live: Promise<string> | undefined;
  const pageFor = async (who: Who) => {
    let page = pages.get(who);
    if (page) return page;
    const context = await browser.newContext({
      ...VIEWPORTS[variant.viewport],
      locale: BROWSER_LOCALE[variant.locale],
      colorScheme: variant.scheme,
      // Transitions off (globals.css honours it): axe must see each screen settled, not a tile's
      // placeholder halfway through fading out.
      reducedMotion: "reduce",
      extraHTTPHeaders: forwardedFor(),
      storageState: who === "anon" ? undefined : world.states[who],
    });
    contexts.set(who, context);
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    pages.set(who, page);
    return page;
  };
  try {
    for (const screen of screens) {
      if (variant.scheme === "dark" && !screen.dark) continue;
      const page = await pageFor(screen.who);
      const step: Step = {
        page,
        world,
        t: MESSAGES[variant.locale],
        live: () => (live ??= world.newSession(`Weekly planning ${variantName(variant)}`)),
      };
      try {
        await screen.open(step);
      } catch (err) {
        throw new Error(`${variantName(variant)} ${screen.name}: could not open the screen: ${String(err)}`, {
          cause: err,
        });
      }
      await visit(screen, page);
    }
  } finally {
    for (const context of contexts.values()) await context.close().catch(() => {});
  }
}
