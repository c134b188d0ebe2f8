import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { participants } from "@/lib/db/schema/sessions";
import { transcriptionUsage } from "@/lib/db/schema/transcription";
import { upsertUsage } from "@/modules/core/usage/infra/usage-repository";
import { devSignIn } from "../support/browser";
import { callPeople, createSession, joinWithMic, spaceWithMember } from "../support/call-people";

/**
 * A space over its monthly transcription budget: the ws server refuses every new caption stream,
 * each participant's screen says why, the call goes on, and nothing more is metered. The host
 * also sees the call's cost and the budget state.
 */

const baseUrl = inject("baseUrl");
const run = randomBytes(3).toString("hex");
const owner = { name: "Olive Owner", email: `olive-${run}@example.test` };
const member = { name: "Milo Member", email: `milo-${run}@example.test` };

const { db, pool } = createDb(inject("databaseUrl"), 2);
const people = callPeople(baseUrl);
const join = (page: Page, slug: string) => joinWithMic(page, baseUrl, slug, true);

describe("a space over its transcription budget", () => {
  let ownerPage: Page;
  let memberPage: Page;
  let spaceId: string;

  beforeAll(async () => {
    memberPage = await people.page();
    await devSignIn(memberPage, baseUrl, member);
    ownerPage = await people.page();
    await devSignIn(ownerPage, baseUrl, owner);
    spaceId = await spaceWithMember(ownerPage, baseUrl, `Budget ${run}`, member.email, memberPage);
  });

  afterAll(async () => {
    await people.close();
    await pool.end();
  });

  const newSession = (title: string) => createSession(ownerPage, baseUrl, spaceId, { title });

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
