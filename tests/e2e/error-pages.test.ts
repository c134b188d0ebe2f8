import { randomUUID } from "node:crypto";
import { AxeBuilder } from "@axe-core/playwright";
import { encode } from "next-auth/jwt";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_PAGE_TEXT } from "@/i18n/messages/error-page";
import { launchChromium } from "../support/browser";
import { dropDatabase, startAppServer, type AppServer } from "../support/next-server";

/**
 * A server of its own whose database disappears under it: the root layout's user lookup fails,
 * so every signed-in page renders the global error page. Shows it is a real page, in the
 * browser's language, and not Next's bare default.
 */
describe("the error page when the server cannot render", () => {
  let server: AppServer;
  let browser: Browser;
  let cookie: { name: string; value: string; url: string };

  beforeAll(async () => {
    const admin = process.env.TEST_DATABASE_URL!;
    server = await startAppServer({ admin, dbPrefix: "rooms_errpage" });
    const id = randomUUID();
    const token = await encode({
      token: { uid: id, sub: id, name: "Erin Error", email: "erin@example.test" },
      secret: server.secret,
    });
    cookie = { name: "next-auth.session-token", value: token, url: server.baseUrl };
    await dropDatabase(admin, new URL(server.databaseUrl).pathname.slice(1));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it.each([
    ["en-US", "en"],
    ["ru-RU", "ru"],
  ] as const)("shows the error page in %s", async (locale, lang) => {
    const context = await browser.newContext({ locale });
    await context.addCookies([cookie]);
    const page = await context.newPage();
    const res = await page.goto(`${server.baseUrl}/`);
    expect(res?.status()).toBe(500);
    const t = ERROR_PAGE_TEXT[lang];
    await expect.poll(() => page.locator("h1").textContent(), { timeout: 15_000 }).toBe(t.title);
    await page.getByRole("button", { name: t.retry }).waitFor();
    await page.getByRole("link", { name: t.home }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe(lang);
    // The one screen the a11y run (a11y.test.ts) cannot reach on the shared server.
    const { violations } = await new AxeBuilder({ page }).analyze();
    const severe = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(severe.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await context.close();
  });
});
