import { randomBytes } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { accounts, users } from "@/lib/db/schema/identity";
import { en } from "@/i18n/messages/en";
import { launchChromium } from "../support/browser";

/** The dev sign-in form in a real browser: where it goes afterwards, and whom it refuses. */
describe("dev sign-in in the browser", () => {
  const baseUrl = inject("baseUrl");
  const origin = new URL(baseUrl).origin;
  let browser: Browser;
  let db: Db;
  let close: () => Promise<void>;

  beforeAll(async () => {
    browser = await launchChromium();
    const created = createDb(inject("databaseUrl"), 2);
    db = created.db;
    close = () => created.pool.end();
  });
  afterAll(async () => {
    await browser?.close();
    await close?.();
  });

  async function signInFrom(query: string, email: string) {
    const context = await browser.newContext({
      // Its own client address (the e2e server trusts the runner as a proxy), so the auth limit
      // of one test does not spill into another.
      extraHTTPHeaders: { "x-forwarded-for": `10.91.${randomBytes(1)[0]}.${1 + (randomBytes(1)[0]! % 250)}` },
    });
    const page = await context.newPage();
    const offsite: string[] = [];
    page.on("request", (req) => {
      if (new URL(req.url()).origin !== origin && req.url().startsWith("http")) offsite.push(req.url());
    });
    await page.goto(`${baseUrl}/signin?${query}`);
    const form = page.locator("form").filter({ has: page.locator('input[name="email"]') });
    await form.locator('input[name="name"]').fill("Redirect Probe");
    await form.locator('input[name="email"]').fill(email);
    await form.locator('button[type="submit"]').click();
    return { context, page, offsite };
  }

  it.each([
    "callbackUrl=/%09/evil.example",
    "callbackUrl=%2F%09%2Fevil.example%2Fpath",
    "callbackUrl=//evil.example",
    "callbackUrl=/%5Cevil.example",
    "callbackUrl=https://evil.example/",
    "callbackUrl=javascript:alert(document.domain)",
  ])("stays on this origin after signing in with %s", async (query) => {
    const { context, page, offsite } = await signInFrom(
      query,
      `redirect-${randomBytes(4).toString("hex")}@e2e.test`,
    );
    try {
      // Signed in: the app's own pages, never the sign-in form again.
      await page.waitForURL((u) => u.pathname !== "/signin", { timeout: 30_000 });
      await page.waitForLoadState("load");
      expect(new URL(page.url()).origin).toBe(origin);
      expect(offsite).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("still follows a same-origin callback", async () => {
    const { context, page } = await signInFrom(
      "callbackUrl=%2Fprofile",
      `redirect-${randomBytes(4).toString("hex")}@e2e.test`,
    );
    try {
      await page.waitForURL((u) => u.pathname === "/profile", { timeout: 30_000 });
    } finally {
      await context.close();
    }
  });

  it("says it is local-only and passwordless, and refuses an email linked to a provider", async () => {
    const email = `linked-${randomBytes(4).toString("hex")}@e2e.test`;
    const [owner] = await db.insert(users).values({ email, name: "Linked Owner" }).returning();
    await db.insert(accounts).values({
      userId: owner!.id,
      type: "oauth",
      provider: "oidc",
      providerAccountId: randomBytes(6).toString("hex"),
    });

    const { context, page } = await signInFrom("callbackUrl=%2Fprofile", email.toUpperCase());
    try {
      await expect
        .poll(() => page.getByText(en.signin.errors.dev_sign_in_provider_account).count(), {
          timeout: 15_000,
        })
        .toBe(1);
      expect(new URL(page.url()).pathname).toBe("/signin");
      await expect(page.getByText(en.signin.devHint).count()).resolves.toBe(1);
      const cookies = await context.cookies();
      expect(cookies.some((c) => c.name.includes("session-token"))).toBe(false);
    } finally {
      await context.close();
    }
  });
});
