import { AxeBuilder } from "@axe-core/playwright";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, inject, it } from "vitest";
import { launchChromium } from "../support/browser";
import { seedScreenWorld, type ScreenWorld } from "../support/screen-world";
import { VARIANTS, variantName, walkScreens } from "../support/screen-runner";
import { SCREENS } from "../support/screens";

/**
 * axe-core on every screen of tests/support/screens.ts, in English and Russian, on a desktop and a
 * phone window, and the rows marked `dark` in the dark colour scheme: no serious or critical
 * violation anywhere; the lesser ones are printed for whoever works on those screens.
 */

const baseUrl = inject("baseUrl");
const databaseUrl = inject("databaseUrl");
const SEVERE = new Set(["serious", "critical"]);

let browser: Browser;
let world: ScreenWorld;
const minor: string[] = [];

describe("accessibility of every screen (axe)", () => {
  beforeAll(async () => {
    browser = await launchChromium();
    world = await seedScreenWorld(browser, baseUrl, databaseUrl);
  });

  afterAll(async () => {
    if (minor.length) console.log(`axe, moderate and minor findings:\n${[...new Set(minor)].join("\n")}`);
    await browser?.close();
  });

  // One variant after another: side by side they only share the same two cores. One world for
  // all: the walks are short enough for the per-user rate limit and the idle sweep.
  it.for(VARIANTS.map((v) => [variantName(v), v] as const))(
    "%s: no serious or critical violations",
    { timeout: 300_000 },
    async ([, variant], { expect }) => {
      const severe: string[] = [];
      await walkScreens(browser, world, variant, SCREENS, async (screen, page) => {
        // Only violations in detail: collecting every passing node takes axe about as long again.
        const { violations } = await new AxeBuilder({ page })
          .options({ resultTypes: ["violations"] })
          .analyze();
        for (const v of violations) {
          const where = v.nodes
            .slice(0, 3)
            .map(
              (n) =>
                `${n.target.join(" ")}${n.failureSummary ? ` (${n.failureSummary.split("\n")[1]?.trim()})` : ""}`,
            )
            .join("; ");
          const line = `${screen.name} [${v.impact}] ${v.id}: ${v.help} — ${v.nodes.length}× ${where}`;
          (SEVERE.has(v.impact ?? "") ? severe : minor).push(`${variantName(variant)} ${line}`);
        }
      });
      expect(severe, severe.join("\n")).toEqual([]);
    },
  );
});
