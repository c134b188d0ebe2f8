import { randomBytes, randomInt } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { participants, videoSessions } from "@/lib/db/schema/sessions";
import { devSignIn, launchChromium, personPage as personPageIn } from "../support/browser";
import { shot, spaceWithMember } from "../support/call-people";
import { sessionsApi } from "@/modules/core/sessions/api/contract";
import { readError, readReply } from "../support/contract";

const baseUrl = inject("baseUrl");
const run = randomBytes(3).toString("hex");
const host = { name: "Hana Host", email: `hana-${run}@example.test` };
const member = { name: "Max Member", email: `max-${run}@example.test` };
const outsider = { name: "Oscar Outsider", email: `oscar-${run}@example.test` };
const guestName = "Gina Guest";
// Each simulated person gets their own client address, so their own rate-limit bucket; the third
// octet is random so reruns within a minute against the same Redis do not share buckets either.
const net = `10.77.${randomInt(256)}`;

let browser: Browser;
const contexts: BrowserContext[] = [];
const { db, pool } = createDb(inject("databaseUrl"), 2);

const newPage = () => personPageIn(browser, contexts, net);

/** Remote participants' camera <video> elements that have decoded at least one frame. */
const remoteFrames = (page: Page) =>
  page.evaluate(
    () =>
      Array.from(
        document.querySelectorAll<HTMLVideoElement>(
          '.lk-participant-tile[data-lk-local-participant="false"] video',
        ),
      ).filter((v) => v.videoWidth > 0).length,
  );

async function joinFromPreJoin(page: Page, displayName?: string) {
  if (displayName) await page.getByLabel("Your name").fill(displayName);
  await page.getByRole("button", { name: "Join", exact: true }).click();
  await page.getByRole("toolbar", { name: "Call controls" }).waitFor();
}

async function sessionBySlug(slug: string) {
  const [row] = await db.select().from(videoSessions).where(eq(videoSessions.slug, slug));
  return row!;
}

const poll = (fn: () => Promise<unknown>, timeout: number) => expect.poll(fn, { timeout, interval: 250 });

describe("a video call through a real LiveKit server", () => {
  let hostPage: Page;
  let memberPage: Page;
  let guestPage: Page;
  let slug: string;
  let spaceId: string;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await pool.end();
  });

  it("the host creates a session in the UI; a member and an anonymous guest see and hear each other", async () => {
    memberPage = await newPage();
    await devSignIn(memberPage, baseUrl, member);
    hostPage = await newPage();
    await devSignIn(hostPage, baseUrl, host);

    spaceId = await spaceWithMember(hostPage, baseUrl, `Calls ${run}`, member.email, memberPage);

    await hostPage.goto(`${baseUrl}/spaces/${spaceId}`);
    await hostPage.getByLabel("Title", { exact: true }).fill(`Standup ${run}`);
    await hostPage.getByLabel("Max participants").fill("5");
    // The test server's recognizer is English only (session-languages.test.ts checks the offer).
    await hostPage.getByLabel("Caption language").selectOption("en");
    await hostPage.getByLabel("Allow guests without an account").check();
    await hostPage.getByRole("button", { name: "Create session" }).click();
    await hostPage.waitForURL(/\/s\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    slug = new URL(hostPage.url()).pathname.split("/").pop()!;
    expect(await sessionBySlug(slug)).toMatchObject({
      status: "CREATED",
      allowGuests: true,
      maxParticipants: 5,
      transcriptionLanguage: "en",
    });

    // The pre-join device check: a live camera preview before anything is published.
    await hostPage.getByText("You'll join as Hana Host.").waitFor();
    await poll(
      () => hostPage.evaluate(() => document.querySelector("video")?.videoWidth ?? 0),
      15_000,
    ).toBeGreaterThan(0);
    await shot(hostPage, "1-prejoin-host");
    await joinFromPreJoin(hostPage);

    await memberPage.goto(`${baseUrl}/s/${slug}`);
    await joinFromPreJoin(memberPage);

    guestPage = await newPage();
    await guestPage.goto(`${baseUrl}/s/${slug}`);
    await shot(guestPage, "2-prejoin-guest");
    await joinFromPreJoin(guestPage, guestName);

    const allJoined = Date.now();
    for (const page of [hostPage, memberPage, guestPage]) {
      await poll(() => remoteFrames(page), Math.max(1, allJoined + 10_000 - Date.now())).toBe(2);
    }
    console.log(
      `[video-call] two remote videos with frames on all three pages ${Date.now() - allJoined} ms after the third join`,
    );

    await hostPage.getByRole("button", { name: "Participants" }).click();
    const people = hostPage.getByRole("list", { name: "Participants" });
    await poll(() => people.getByRole("listitem").count(), 10_000).toBe(3);
    expect(await people.innerText()).toMatch(/Hana Host \(you\)\s*Host/);
    // Only the anonymous guest is marked; the signed-in member's name comes from their account.
    expect(await people.getByText("Guest", { exact: true }).count()).toBe(1);
    expect(await people.getByRole("listitem").filter({ hasText: guestName }).innerText()).toMatch(/Guest/);
    await shot(hostPage, "3-call-host");
    await shot(guestPage, "3-call-guest");
  });

  it("chat reaches the other participants", async () => {
    await memberPage.getByRole("button", { name: "Chat" }).click();
    await memberPage.getByLabel("Message").fill("hello from Max");
    await memberPage.getByRole("button", { name: "Send" }).click();
    await guestPage.getByRole("button", { name: /^Chat, 1 unread message$/ }).click();
    await guestPage.getByRole("log", { name: "Chat" }).getByText("hello from Max").waitFor();
  });

  it("Postgres follows the room: LIVE, roles, and leftAt from the participant_left webhook", async () => {
    const session = await sessionBySlug(slug);
    expect(session.status).toBe("LIVE");
    expect(session.startedAt).not.toBeNull();
    const rows = await db.select().from(participants).where(eq(participants.videoSessionId, session.id));
    const byName = Object.fromEntries(rows.map((r) => [r.displayName, r]));
    expect(rows).toHaveLength(3);
    expect(byName[host.name]).toMatchObject({ role: "HOST", leftAt: null });
    expect(byName[host.name]!.userId).not.toBeNull();
    expect(byName[member.name]).toMatchObject({ role: "GUEST", leftAt: null });
    expect(byName[member.name]!.userId).not.toBeNull();
    expect(byName[guestName]).toMatchObject({ role: "GUEST", userId: null, leftAt: null });

    const left = Date.now();
    await guestPage.getByRole("button", { name: "Leave", exact: true }).click();
    await guestPage.getByRole("heading", { name: "You left the session" }).waitFor();
    const guestRow = () =>
      db
        .select({ leftAt: participants.leftAt })
        .from(participants)
        .where(and(eq(participants.videoSessionId, session.id), eq(participants.displayName, guestName)));
    await poll(async () => (await guestRow())[0]?.leftAt ?? null, 10_000).not.toBeNull();
    console.log(`[video-call] guest's leftAt set ${Date.now() - left} ms after Leave`);
    // The others now see exactly one remote participant.
    await poll(() => remoteFrames(hostPage), 10_000).toBe(1);
    // The guest cookie keeps the guest's identity: a reload offers the same name again.
    await guestPage.reload();
    expect(await guestPage.getByLabel("Your name").inputValue()).toBe(guestName);
  });

  it("a member who is not the host cannot end the session", async () => {
    const res = await memberPage.request.post(`${baseUrl}/api/sessions/${slug}/end`);
    expect(res.status()).toBe(403);
    expect((await sessionBySlug(slug)).status).toBe("LIVE");
  });

  it("the host ends it for everyone: the member sees the ended screen, joins and tokens are refused", async () => {
    await hostPage.getByRole("button", { name: "End for everyone" }).click();
    const dialog = hostPage.getByRole("dialog", { name: "End the session for everyone?" });
    await dialog.waitFor();
    await shot(hostPage, "4-end-confirm");
    await dialog.getByRole("button", { name: "End session" }).click();
    const ended = Date.now();

    const endedHeading = (page: Page) => page.getByRole("heading", { name: "This session has ended" });
    await endedHeading(memberPage).waitFor({ timeout: 5_000 });
    console.log(`[video-call] member saw the ended screen ${Date.now() - ended} ms after the host confirmed`);
    await endedHeading(hostPage).waitFor({ timeout: 5_000 });
    await shot(memberPage, "5-ended-member");
    await memberPage.getByRole("link", { name: "Back to the space" }).waitFor();

    const session = await sessionBySlug(slug);
    expect(session.status).toBe("ENDED");
    expect(session.endedAt).not.toBeNull();

    const fresh = await newPage();
    const join = await fresh.request.post(`${baseUrl}/api/sessions/${slug}/participants/join`, {
      data: { displayName: "Late Larry" },
    });
    expect(join.status()).toBe(409);
    expect((await readError(join)).code).toBe("session_ended");
    const token = await memberPage.request.get(`${baseUrl}/api/sessions/${slug}/token`);
    expect(token.status()).toBe(409);
    expect((await readError(token)).code).toBe("session_ended");
    // Opening the link again goes straight to the ended screen.
    await fresh.goto(`${baseUrl}/s/${slug}`);
    await endedHeading(fresh).waitFor();
  });

  it("the space page lists the session with its status, head count, times and link", async () => {
    await hostPage.getByRole("link", { name: "Back to the space" }).click();
    await hostPage.waitForURL(`${baseUrl}/spaces/${spaceId}`);
    const item = hostPage.getByRole("list", { name: "Sessions" }).getByRole("listitem");
    await poll(() => item.count(), 10_000).toBe(1);
    const text = await item.innerText();
    expect(text).toContain(`Standup ${run}`);
    expect(text).toContain("Ended");
    expect(text).toContain("3 participants");
    expect(text).toMatch(/Ended \w{3} \d{1,2}, \d{4}/);
    expect(await item.getByRole("link", { name: `Open Standup ${run}` }).getAttribute("href")).toBe(
      `/s/${slug}`,
    );
    await item.getByRole("button", { name: `Copy link to Standup ${run}` }).waitFor();
    await shot(hostPage, "7-space-sessions");
  });

  describe("a members-only session", () => {
    let privateSlug: string;
    let privateId: string;

    beforeAll(async () => {
      const res = await hostPage.request.post(`${baseUrl}/api/spaces/${spaceId}/sessions`, {
        data: { title: `Private ${run}` },
      });
      expect(res.status()).toBe(201);
      privateSlug = (await readReply(res, sessionsApi.create)).session.slug;
      privateId = (await sessionBySlug(privateSlug)).id;
    });

    it("is a 404 for a signed-in outsider, and a sign-in page for an anonymous visitor, as for an unknown slug", async () => {
      const page = await newPage();
      await devSignIn(page, baseUrl, outsider);
      const res = await page.goto(`${baseUrl}/s/${privateSlug}`);
      expect(res?.status()).toBe(404);
      await page.getByRole("heading", { name: "Page not found" }).waitFor();
      const join = await page.request.post(`${baseUrl}/api/sessions/${privateSlug}/participants/join`, {
        data: {},
      });
      expect(join.status()).toBe(404);

      const anonymous = await newPage();
      await anonymous.goto(`${baseUrl}/s/${privateSlug}`);
      await anonymous.waitForURL((u) => u.pathname === "/signin");
      expect(new URL(anonymous.url()).searchParams.get("callbackUrl")).toBe(`/s/${privateSlug}`);
      // The same answer for a session that does not exist: existence is not revealed.
      await anonymous.goto(`${baseUrl}/s/zzz-zzzz-zzz`);
      await anonymous.waitForURL((u) => u.pathname === "/signin");
      expect(new URL(anonymous.url()).searchParams.get("callbackUrl")).toBe("/s/zzz-zzzz-zzz");
    });

    it("rejects a forged webhook with 401 and changes nothing", async () => {
      const before = await sessionBySlug(privateSlug);
      const res = await fetch(`${baseUrl}/api/livekit/webhook`, {
        method: "POST",
        headers: { "content-type": "application/webhook+json", authorization: "Bearer forged.jwt.value" },
        body: JSON.stringify({
          id: `EV_${run}`,
          event: "room_finished",
          createdAt: String(Math.floor(Date.now() / 1000)),
          room: { name: privateId },
        }),
      });
      expect(res.status).toBe(401);
      expect(await sessionBySlug(privateSlug)).toEqual(before);
    });

    it("shows the media server's 503 message verbatim, and the same screen when its signal URL is dead", async () => {
      const message =
        "No media server is configured. Set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET.";
      const page = await newPage();
      await devSignIn(page, baseUrl, member, `/s/${privateSlug}`);
      // The shared server does have LiveKit, so the token route's 503 is simulated at the network.
      await page.route("**/api/sessions/*/token", (route) =>
        route.fulfill({ status: 503, json: { error: { code: "media_unavailable", message } } }),
      );
      await page.getByRole("button", { name: "Join", exact: true }).click();
      await page.getByRole("heading", { name: "Media server unavailable" }).waitFor();
      await page.getByText(message, { exact: true }).waitFor();
      await shot(page, "6-unavailable");

      await page.unroute("**/api/sessions/*/token");
      await page.route("**/api/sessions/*/token", (route) =>
        route.fulfill({ json: { token: "x", url: "ws://127.0.0.1:9", identity: "x", expiresAt: "" } }),
      );
      await page.getByRole("button", { name: "Try again" }).click();
      await page
        .getByText("Couldn't connect to the media server at ws://127.0.0.1:9")
        .waitFor({ timeout: 45_000 });
      await page.getByRole("heading", { name: "Media server unavailable" }).waitFor();
    });
  });
});
