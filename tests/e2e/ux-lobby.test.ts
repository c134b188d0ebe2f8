import { randomBytes, randomInt } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { devSignIn, launchChromium } from "../support/browser";
import { createSession, shot } from "../support/call-people";

/**
 * Issue 18, area "lobby": item 2 (guests past the per-address walk-in cap knock, the host admits
 * or denies, an abuse bound that says how long to wait), item 3's "pre-join shows who is already in
 * the call", item 4 (a guest on pre-join learns at once that the host ended the session; a guest's
 * end screen offers Close, not a sign-in page). One browser; every person is a context of it.
 */
const baseUrl = inject("baseUrl");
const run = randomBytes(3).toString("hex");
const host = { name: `Hana Lobby ${run}`, email: `hana-lobby-${run}@example.test` };
// One office behind one NAT: every guest below comes from this address.
const office = `10.${randomInt(128, 192)}.${randomInt(256)}.${randomInt(1, 255)}`;

let browser: Browser;
let hostPage: Page;
let slug: string;
const contexts: BrowserContext[] = [];

async function personPage(address: string): Promise<Page> {
  const context = await browser.newContext({
    locale: "en-US",
    viewport: { width: 1280, height: 800 },
    extraHTTPHeaders: { "x-forwarded-for": address },
  });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return page;
}

/** A cookieless guest's join from `address`, as a browser in that office would send it. */
const walkIn = (address: string, displayName: string) =>
  fetch(`${baseUrl}/api/sessions/${slug}/participants/join`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": address },
    body: JSON.stringify({ displayName }),
  });

async function guestAsks(address: string, name: string): Promise<Page> {
  const page = await personPage(address);
  await page.goto(`${baseUrl}/s/${slug}`);
  await page.getByLabel("Your name").fill(name);
  await page.getByRole("button", { name: "Join", exact: true }).click();
  return page;
}

const notice = () => hostPage.getByTestId("lobby-notice");

/** Desktop and mobile screenshots when E2E_SCREENSHOT_DIR is set (to look at, never into git). */
async function shots(page: Page, name: string) {
  if (!process.env.E2E_SCREENSHOT_DIR) return;
  await shot(page, `lobby-${name}-desktop`);
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, `lobby-${name}-mobile`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe("guest lobby, who is here, the host ending (issue 18 items 2, 3, 4)", () => {
  let waitingOnPreJoin: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    hostPage = await personPage(`10.${randomInt(192, 224)}.${randomInt(256)}.${randomInt(1, 255)}`);
    await devSignIn(hostPage, baseUrl, host);
    const space = await hostPage.request.post(`${baseUrl}/api/spaces`, { data: { name: `Lobby ${run}` } });
    expect(space.status()).toBe(201);
    const spaceId = (await space.json()).space.id as string;
    ({ slug } = await createSession(hostPage, baseUrl, spaceId, {
      title: `Office hour ${run}`,
      allowGuests: true,
    }));
    await hostPage.goto(`${baseUrl}/s/${slug}`);
    await hostPage.getByRole("button", { name: "Join", exact: true }).click();
    await hostPage.getByRole("toolbar", { name: "Call controls" }).waitFor();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
  });

  it("pre-join shows who is already in the call (names only)", async () => {
    waitingOnPreJoin = await personPage(office);
    await waitingOnPreJoin.goto(`${baseUrl}/s/${slug}`);
    const here = waitingOnPreJoin.getByTestId("people-in-call");
    await expect.poll(() => here.textContent()).toContain(host.name);
    expect(await here.getByRole("heading").textContent()).toContain("(1)");
    await shots(waitingOnPreJoin, "prejoin-people");
  });

  it("a fourth guest from one office knocks, waits, and gets in when the host admits", async () => {
    for (const name of ["One", "Two", "Three"])
      expect((await walkIn(office, `${name} ${run}`)).status).toBe(200);

    const guest = await guestAsks(office, "Nadia Neighbour");
    await guest.getByRole("heading", { name: "Waiting for the host to let you in" }).waitFor();

    // The host is told, in the call and to screen readers, with the guest's own name marked as a guest's.
    await notice().getByText("Nadia Neighbour (guest) wants to join").waitFor();
    await shots(guest, "waiting");
    await expect
      .poll(() =>
        hostPage.getByRole("status").filter({ hasText: "Nadia Neighbour (guest) wants to join" }).count(),
      )
      .toBeGreaterThan(0);
    await notice().getByRole("button", { name: "Admit Nadia Neighbour" }).click();

    await guest.getByRole("toolbar", { name: "Call controls" }).waitFor();
    await notice().waitFor({ state: "detached" });
  });

  it("several knocks are listed; one denied is told so, one who cancels is told so", async () => {
    const [denied, cancels] = await Promise.all([
      guestAsks(office, "Dora Denied"),
      guestAsks(office, "Carl Cancels"),
    ]);
    await Promise.all(
      [denied, cancels].map((p) =>
        p.getByRole("heading", { name: "Waiting for the host to let you in" }).waitFor(),
      ),
    );
    await notice().getByText("2 guests want to join").waitFor();
    await shots(hostPage, "host-notice");
    await notice().getByRole("button", { name: "Deny Dora Denied" }).click();
    await denied.getByRole("heading", { name: "You were not let in" }).waitFor();
    expect(await denied.getByRole("button", { name: "Close" }).count()).toBe(1);
    await shots(denied, "denied");

    await cancels.getByRole("button", { name: "Cancel", exact: true }).click();
    await cancels.getByRole("heading", { name: "You withdrew your request to join" }).waitFor();
    await notice().waitFor({ state: "detached" });
  });

  it("past the abuse bound the guest is told how long to wait", async () => {
    const crowded = `10.${randomInt(224, 250)}.${randomInt(256)}.${randomInt(1, 255)}`;
    for (const name of ["One", "Two", "Three"]) expect((await walkIn(crowded, name)).status).toBe(200);
    for (let i = 0; i < 50; i++) {
      const res = await fetch(`${baseUrl}/api/sessions/${slug}/lobby`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": crowded },
        body: JSON.stringify({ displayName: `Bot ${i}` }),
      });
      expect(res.status).toBe(201);
    }
    const guest = await guestAsks(crowded, "Late Larry");
    await guest
      .getByText(/Too many guests from your network asked to join this call\. Try again in \d+ min\./)
      .waitFor();
    await shots(guest, "too-many");
  });

  it("a guest waiting on pre-join learns at once that the host ended it, and can close the tab", async () => {
    const end = await hostPage.request.post(`${baseUrl}/api/sessions/${slug}/end`);
    expect(end.status()).toBe(200);
    await waitingOnPreJoin.getByRole("heading", { name: "This session has ended" }).waitFor();
    expect(await waitingOnPreJoin.getByRole("button", { name: "Close" }).count()).toBe(1);
    expect(await waitingOnPreJoin.getByRole("link", { name: /sign in|go to rooms/i }).count()).toBe(0);
    await shots(waitingOnPreJoin, "ended");
    // A reload shows the server's ended page: the same way out.
    await waitingOnPreJoin.reload();
    await waitingOnPreJoin.getByRole("heading", { name: "This session has ended" }).waitFor();
    expect(await waitingOnPreJoin.getByRole("button", { name: "Close" }).count()).toBe(1);
  });
});
