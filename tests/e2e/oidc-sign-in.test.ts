import { and, eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { accounts, users } from "@/lib/db/schema/identity";
import { launchChromium } from "../support/browser";
import { OIDC_NAME } from "../support/e2e-services";
import { profileApi } from "@/modules/core/identity/api/contract";
import { readReply } from "../support/contract";

describe("sign-in through a real OpenID Connect provider", () => {
  let browser: Browser;
  let db: Db;
  let close: () => Promise<void>;
  const baseUrl = inject("baseUrl");

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

  it("runs the authorization-code flow, creates the user, and the session cookie opens a protected page", async () => {
    const email = `ada-${Date.now()}@oidc.test`;
    const context = await browser.newContext();
    const page = await context.newPage();

    await page.goto(`${baseUrl}/profile`);
    expect(new URL(page.url()).pathname).toBe("/signin");
    await page.getByRole("button", { name: new RegExp(OIDC_NAME) }).click();

    // The provider's own login and consent screens.
    await page.waitForURL((u) => u.origin === new URL(inject("oidcIssuer")).origin, { timeout: 30_000 });
    await page.locator('input[name="login"]').fill(email);
    // Its development login accepts any password.
    await page.locator('input[name="password"]').fill("any-password");
    await page.locator('button[type="submit"]').click();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL((u) => u.origin === baseUrl && u.pathname === "/profile", { timeout: 30_000 });
    expect(await page.locator("main").innerText()).toContain(email);

    const [user] = await db.select().from(users).where(eq(users.email, email));
    expect(user).toMatchObject({ email, name: `OIDC ${email.split("@")[0]}` });
    const links = await db
      .select()
      .from(accounts)
      .where(and(eq(accounts.userId, user!.id), eq(accounts.provider, "oidc")));
    expect(links).toHaveLength(1);
    expect(links[0]!.providerAccountId).toBe(email);

    const cookie = (await context.cookies()).find((c) => c.name === "next-auth.session-token");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");

    // The cookie alone, outside the browser, opens the protected page and the API.
    const profile = await fetch(`${baseUrl}/api/profile`, {
      headers: { cookie: `${cookie!.name}=${cookie!.value}` },
    });
    expect(profile.status).toBe(200);
    expect((await readReply(profile, profileApi.get)).profile.email).toBe(email);
    const anonymous = await fetch(`${baseUrl}/profile`, { redirect: "manual" });
    expect([302, 303, 307, 308]).toContain(anonymous.status);
    expect(anonymous.headers.get("location")).toContain("/signin");
    await context.close();
  });

  it("refuses an address the provider did not verify: a localised message, no user, no link", async () => {
    const email = `unverified-${Date.now()}@oidc.test`;
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();

    await page.goto(`${baseUrl}/signin`);
    await page.getByRole("button", { name: new RegExp(OIDC_NAME) }).click();
    await page.waitForURL((u) => u.origin === new URL(inject("oidcIssuer")).origin, { timeout: 30_000 });
    await page.locator('input[name="login"]').fill(email);
    await page.locator('input[name="password"]').fill("any-password");
    await page.locator('button[type="submit"]').click();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL((u) => u.origin === baseUrl && u.pathname === "/signin", { timeout: 30_000 });
    await page
      .getByRole("alert")
      .filter({ hasText: `Your email address is not verified with ${OIDC_NAME}.` })
      .waitFor();

    expect(await db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
    expect(
      await db
        .select()
        .from(accounts)
        .where(and(eq(accounts.provider, "oidc"), eq(accounts.providerAccountId, email))),
    ).toHaveLength(0);
    expect((await context.cookies()).some((c) => c.name === "next-auth.session-token")).toBe(false);
    await context.close();
  });
});
