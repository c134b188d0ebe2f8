import { randomBytes, randomInt } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { videoSessions } from "@/lib/db/schema/sessions";
import { spacesApi } from "@/modules/core/spaces/api/contract";
import { devSignIn, launchChromium } from "../support/browser";
import { createSession, shot } from "../support/call-people";
import { readReply } from "../support/contract";

// Issue 18, area "invite": item 1 (email invitations, the space invite link), item 3's one-click
// "New meeting", item 16's readable Russian session titles, who is signed in, and why to sign in.
const baseUrl = inject("baseUrl");
const run = randomBytes(4).toString("hex");
const owner = { name: "Olga Owner", email: `olga-${run}@example.test` };
const stranger = { name: "Stan Stranger", email: `stan-${run}@example.test` };
const linkGuest = { name: "Lena Link", email: `lena-${run}@example.test` };
const late = { name: "Leo Late", email: `leo-${run}@example.test` };
const spaceName = `Link space ${run}`;
const { db, pool } = createDb(inject("databaseUrl"), 1);

let browser: Browser;
const contexts: BrowserContext[] = [];

async function newPage(opts: { locale?: string; width?: number; height?: number } = {}): Promise<Page> {
  const context = await browser.newContext({
    locale: opts.locale ?? "en-US",
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 800 },
    // Each person its own address, so sign-in limits keyed on the address stay apart.
    extraHTTPHeaders: { "x-forwarded-for": `10.81.${randomInt(256)}.${randomInt(1, 255)}` },
  });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

const h1 = (page: Page) => page.locator("h1");

describe("getting people in (issue 18, invite)", () => {
  let ownerPage: Page;
  let spaceId: string;

  beforeAll(async () => {
    browser = await launchChromium();
    ownerPage = await newPage();
    await devSignIn(ownerPage, baseUrl, owner);
    const space = await ownerPage.request.post(`${baseUrl}/api/spaces`, { data: { name: spaceName } });
    spaceId = (await readReply(space, spacesApi.create)).space.id;
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await pool.end();
  });

  it("the header says who is signed in, with a link to their profile", async () => {
    await ownerPage.goto(`${baseUrl}/`);
    const who = ownerPage.getByRole("banner").getByRole("link", { name: `Signed in as ${owner.name}` });
    await who.waitFor();
    expect(await who.getAttribute("href")).toBe("/profile");
    expect(await who.textContent()).toContain(owner.name);
  });

  it("an email invitation to an address with no account waits until its first sign-in, then is accepted", async () => {
    await ownerPage.goto(`${baseUrl}/spaces/${spaceId}`);
    await ownerPage.getByLabel("Email").fill(stranger.email);
    await ownerPage.getByRole("button", { name: "Invite", exact: true }).click();
    // The same answer as for someone who has an account (new-user-path.test.ts): nothing is revealed.
    await ownerPage
      .getByRole("status")
      .filter({ hasText: `Invitation to ${stranger.email} is pending until they accept it.` })
      .waitFor();

    const page = await newPage();
    await devSignIn(page, baseUrl, stranger);
    await page.getByRole("button", { name: `Accept the invitation to ${spaceName}` }).click();
    await page.getByRole("link", { name: new RegExp(spaceName) }).click();
    await page.waitForURL(`${baseUrl}/spaces/${spaceId}`);
    await expect.poll(() => h1(page).textContent()).toBe(spaceName);
  });

  it("an invite link: signed out → told why → sign in → back → join in one click; turned off says so", async () => {
    await ownerPage.goto(`${baseUrl}/spaces/${spaceId}`);
    await ownerPage.getByRole("button", { name: "Create invite link" }).click();
    const field = ownerPage.getByRole("textbox", { name: "Invite link" });
    await field.waitFor();
    const link = await field.inputValue();
    expect(link).toMatch(new RegExp(`^${baseUrl}/invite/[A-Za-z0-9_-]{43}$`));
    await ownerPage.getByRole("button", { name: "Copy link" }).waitFor();
    await shot(ownerPage, "invite-link-panel-desktop");

    // A signed-out visitor is sent to sign in, told what the link is, and comes back to it.
    const page = await newPage({ width: 390, height: 844 });
    await page.goto(link);
    await page.waitForURL((u) => u.pathname === "/signin");
    await page.getByRole("heading", { name: "You were invited to a space" }).waitFor();
    await shot(page, "invite-signin-mobile");
    await devSignIn(page, baseUrl, linkGuest);
    expect(page.url()).toBe(link);
    await expect.poll(() => h1(page).textContent()).toBe(`Join ${spaceName}`);
    await page.getByText("2 members").waitFor();
    await shot(page, "invite-join-mobile");
    await page.getByRole("button", { name: "Join space" }).click();
    await page.waitForURL(`${baseUrl}/spaces/${spaceId}`);
    await page.getByRole("list", { name: "Members" }).getByText(linkGuest.email).waitFor();

    // Opening it again as a member says so instead of joining twice.
    await page.goto(link);
    await page.getByText("You are already a member of this space.").waitFor();

    // A new link replaces the old one, which is now turned off; turning off the new one too.
    await ownerPage.getByRole("button", { name: "New link" }).click();
    await expect.poll(() => field.inputValue()).not.toBe(link);
    const replacement = await field.inputValue();
    await ownerPage.getByRole("button", { name: "Turn off" }).click();
    await ownerPage.getByText("The invite link is turned off.").waitFor();
    await ownerPage.getByRole("button", { name: "Create invite link" }).waitFor();

    const other = await newPage();
    await devSignIn(other, baseUrl, late);
    for (const dead of [link, replacement, `${baseUrl}/invite/garbage`]) {
      const res = await other.goto(dead);
      expect(res?.status()).toBe(200);
      await expect.poll(() => h1(other).textContent()).toBe("This invite link was turned off");
      await other.getByRole("link", { name: "Go to your spaces" }).waitFor();
    }
    await shot(other, "invite-off-desktop");
  });

  it("a signed-out visitor who opens a space, a call or a transcript is told what it is on the sign-in page", async () => {
    const session = await createSession(ownerPage, baseUrl, spaceId, { title: `Deep link ${run}` });
    const page = await newPage({ locale: "ru-RU" });
    const cases: [string, string][] = [
      [`/spaces/${spaceId}`, "Вы открыли ссылку на пространство"],
      [`/s/${session.slug}`, "Вы открыли ссылку на встречу"],
      [`/s/${session.slug}/transcript`, "Вы открыли расшифровку встречи"],
    ];
    for (const [path, heading] of cases) {
      await page.goto(`${baseUrl}${path}`);
      await page.waitForURL((u) => u.pathname === "/signin");
      expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe(path);
      await page.getByRole("heading", { name: heading }).waitFor();
    }
  });

  it("New meeting on the dashboard: one click to a new call's pre-join in the user's space", async () => {
    await ownerPage.goto(`${baseUrl}/`);
    await ownerPage.getByText(`Starts a call in ${spaceName}`).waitFor();
    await ownerPage.getByRole("button", { name: "New meeting" }).click();
    await ownerPage.waitForURL(/\/s\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    await ownerPage.getByRole("button", { name: "Join", exact: true }).waitFor();
    const slug = new URL(ownerPage.url()).pathname.split("/").pop()!;
    const [row] = await db.select().from(videoSessions).where(eq(videoSessions.slug, slug));
    expect(row?.spaceId).toBe(spaceId);

    // Someone with no space yet gets their first one rather than a detour.
    const page = await newPage({ locale: "ru-RU", width: 390, height: 844 });
    await devSignIn(page, baseUrl, { name: "Nina New", email: `nina-${run}@example.test` });
    await page.getByRole("button", { name: "Новая встреча" }).click();
    await page.waitForURL(/\/s\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    await page.goto(`${baseUrl}/`);
    await page.getByRole("link", { name: /Мои встречи/ }).waitFor();
  });

  it("the Russian space page keeps a session's title readable beside its buttons, at 1280 and 390 px", async () => {
    const title = `Планирование квартала ${run}`;
    const session = await createSession(ownerPage, baseUrl, spaceId, { title });
    // A started session also shows "Расшифровка", the widest row of buttons.
    await db
      .update(videoSessions)
      .set({ status: "ENDED", startedAt: new Date(Date.now() - 60_000), endedAt: new Date() })
      .where(eq(videoSessions.id, session.id));
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      const page = await newPage({ locale: "ru-RU", width, height });
      await devSignIn(page, baseUrl, owner, `/spaces/${spaceId}`);
      const item = page
        .getByRole("listitem")
        .filter({ has: page.getByRole("link", { name: `Открыть «${title}»` }) });
      const name = item.getByRole("link", { name: title, exact: true });
      await name.waitFor();
      expect(await name.textContent()).toBe(title);
      // Not cut off, and on one line: the whole title can be read at a glance.
      const box = await name.evaluate((el) => ({
        cut: el.scrollWidth > el.clientWidth + 1,
        lines: Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)),
      }));
      expect(box).toEqual({ cut: false, lines: 1 });
      await name.scrollIntoViewIfNeeded();
      await shot(page, `space-ru-${width}`);
    }
  });
});
