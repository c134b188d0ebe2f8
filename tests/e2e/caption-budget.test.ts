import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "../../src/lib/db/client";
import { participants, videoSessions } from "../../src/lib/db/schema/sessions";
import { transcriptionUsage } from "../../src/lib/db/schema/transcription";
import { upsertUsage } from "../../src/modules/core/transcription/infra/usage-repository";
import { devSignIn, launchChromium } from "../support/browser";

/**
 * A space over its monthly transcription budget: the ws server refuses every new caption stream,
 * each participant's screen says why, the call goes on, and nothing more is metered. The host
 * also sees the call's cost and the budget state.
 */

const baseUrl = inject("baseUrl");
const run = randomBytes(3).toString("hex");
const owner = { name: "Olive Owner", email: `olive-${run}@example.test` };
const member = { name: "Milo Member", email: `milo-${run}@example.test` };
const net = `10.79.${randomInt(256)}`;

const { db, pool } = createDb(inject("databaseUrl"), 2);
const browsers: Browser[] = [];
let clientNo = 0;

async function personPage(): Promise<Page> {
  const browser = await launchChromium(["--autoplay-policy=no-user-gesture-required"]);
  browsers.push(browser);
  const context = await browser.newContext({
    locale: "en-US",
    viewport: { width: 1280, height: 800 },
    extraHTTPHeaders: { "x-forwarded-for": `${net}.${++clientNo}` },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return page;
}

async function join(page: Page, slug: string) {
  await page.goto(`${baseUrl}/s/${slug}`);
  await page.getByRole("switch", { name: "Microphone", exact: true }).waitFor();
  await page.getByRole("button", { name: "Join", exact: true }).click();
  await page.getByRole("toolbar", { name: "Call controls" }).waitFor();
}

describe("a space over its transcription budget", () => {
  let ownerPage: Page;
  let memberPage: Page;
  let spaceId: string;

  beforeAll(async () => {
    memberPage = await personPage();
    await devSignIn(memberPage, baseUrl, member);
    ownerPage = await personPage();
    await devSignIn(ownerPage, baseUrl, owner);
    const space = await ownerPage.request.post(`${baseUrl}/api/spaces`, { data: { name: `Budget ${run}` } });
    spaceId = (await space.json()).space.id;
    const added = await ownerPage.request.post(`${baseUrl}/api/spaces/${spaceId}/members`, {
      data: { email: member.email },
    });
    expect(added.status()).toBe(201);
  });

  afterAll(async () => {
    for (const b of browsers) await b.close().catch(() => {});
    await pool.end();
  });

  async function newSession(title: string) {
    const res = await ownerPage.request.post(`${baseUrl}/api/spaces/${spaceId}/sessions`, {
      data: { title, transcriptionLanguage: "en" },
    });
    expect(res.status()).toBe(201);
    const { slug } = (await res.json()).session as { slug: string };
    const [row] = await db.select().from(videoSessions).where(eq(videoSessions.slug, slug));
    return { slug, id: row!.id };
  }

  it("the owner sets the budget on the space page; an earlier call spent it", async () => {
    await ownerPage.goto(`${baseUrl}/spaces/${spaceId}`);
    await ownerPage.getByLabel("Monthly budget (USD)").fill("1");
    await ownerPage.getByRole("button", { name: "Save", exact: true }).last().click();
    await ownerPage.getByText("Spent this month: $0.00 of $1.00 (0 %)").waitFor();

    // An earlier call of this space, as a ws instance metered it: $1.20 of the $1.00.
    const earlier = await newSession(`Earlier ${run}`);
    const [p] = await db
      .insert(participants)
      .values({ videoSessionId: earlier.id, identity: `guest-budget-${run}`, displayName: "Earlier" })
      .returning();
    await upsertUsage(db, [
      {
        streamId: randomUUID(),
        videoSessionId: earlier.id,
        participantId: p!.id,
        userId: null,
        provider: "pocketsphinx",
        audioSeconds: 7200,
        billedSeconds: 7200,
        costUsd: 1.2,
      },
    ]);
    await ownerPage.reload();
    await ownerPage.getByText("Spent this month: $1.20 of $1.00 (120 %)").waitFor();
  });

  it("new caption streams are refused with the message on every screen, and the call goes on", async () => {
    const session = await newSession(`Over budget ${run}`);
    await join(ownerPage, session.slug);
    await join(memberPage, session.slug);
    for (const page of [ownerPage, memberPage]) {
      await page
        .getByRole("status")
        .filter({ hasText: "Transcription budget for this space is used up" })
        .first()
        .waitFor({ timeout: 20_000 });
      // Still in the call with both people in it.
      await page.getByRole("button", { name: "Leave", exact: true }).waitFor();
      await page.getByText("2 people", { exact: true }).waitFor();
    }
    // The host also sees the call's cost, which stays at zero: nothing was streamed.
    await ownerPage.getByTestId("host-caption-cost").getByText("Captions so far: $0.00").waitFor();
    expect(await memberPage.getByTestId("host-caption-cost").count()).toBe(0);
    // Refused streams are never metered: the space's figures are exactly what they were.
    await new Promise((r) => setTimeout(r, 3000));
    const rows = await db
      .select()
      .from(transcriptionUsage)
      .where(eq(transcriptionUsage.videoSessionId, session.id));
    expect(rows).toEqual([]);
  });

  it("from 80 % the host is told how much of the budget is used; captions still run", async () => {
    const raised = await ownerPage.request.put(`${baseUrl}/api/spaces/${spaceId}/transcription-budget`, {
      data: { budgetUsd: 1.45 },
    });
    expect(raised.status()).toBe(200);
    const session = await newSession(`Near budget ${run}`);
    await join(ownerPage, session.slug);
    await ownerPage
      .getByTestId("host-caption-cost")
      .getByText("82 % of this space's monthly transcription budget is used")
      .waitFor({ timeout: 15_000 });
    // The host's own caption stream was admitted and is metered.
    await expect
      .poll(
        async () =>
          (
            await db
              .select()
              .from(transcriptionUsage)
              .where(eq(transcriptionUsage.videoSessionId, session.id))
          ).length,
        { timeout: 15_000, interval: 500 },
      )
      .toBe(1);
    expect(await ownerPage.getByText("Transcription budget for this space is used up").count()).toBe(0);
  });
});
