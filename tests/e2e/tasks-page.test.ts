import { randomBytes, randomInt } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { sessionAnalyses } from "@/lib/db/schema/analysis";
import { users } from "@/lib/db/schema/identity";
import { participants } from "@/lib/db/schema/sessions";
import { spaceMembers } from "@/lib/db/schema/spaces";
import { tasks } from "@/lib/db/schema/tasks";
import { transcriptSegments } from "@/lib/db/schema/transcription";
import { createTasksFromAnalysis } from "@/modules/core/tasks/application/create-tasks-from-analysis";
import { devSignIn, launchChromium } from "../support/browser";
import { sessionsApi } from "@/modules/core/sessions/api/contract";
import { spacesApi } from "@/modules/core/spaces/api/contract";
import { readReply } from "../support/contract";

const baseUrl = inject("baseUrl");
const serverLog = inject("serverLog");
const { db, pool } = createDb(inject("databaseUrl"), 2);
const run = randomBytes(3).toString("hex");
const owner = { name: "Tara Tasks", email: `tara-${run}@example.test` };
const sessionTitle = `Planning ${run}`;
const BUDGET = `Send the budget ${run}`;
const VENUE = `Book the venue ${run}`;
const NOTES = `Share the notes ${run}`;

let browser: Browser;
let context: BrowserContext;
let page: Page;
let spaceId: string;
let slug: string;
let segmentId: string;
let budgetId: string;

async function logDuring(action: () => Promise<void>): Promise<string> {
  const from = statSync(serverLog).size;
  await action();
  // Next writes render errors asynchronously after the response; give it a moment.
  await new Promise((r) => setTimeout(r, 300));
  return readFileSync(serverLog).subarray(from).toString("utf8");
}

const row = (title: string) =>
  page.locator("li[data-task-id]").filter({ has: page.locator(`input[value="${title}"]`) });
const listedTitles = () =>
  page
    .locator("li[data-task-id] input[aria-label^='Title of']")
    .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));

describe("the space's tasks page", () => {
  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({
      locale: "en-US",
      extraHTTPHeaders: { "x-forwarded-for": `10.81.${randomInt(256)}.${randomInt(1, 255)}` },
    });
    page = await context.newPage();
    await devSignIn(page, baseUrl, owner);
    const api = context.request;
    const space = await api.post(`${baseUrl}/api/spaces`, { data: { name: `Tasks ${run}` } });
    spaceId = (await readReply(space, spacesApi.create)).space.id;
    const created = await api.post(`${baseUrl}/api/spaces/${spaceId}/sessions`, {
      data: { title: sessionTitle },
    });
    const { session } = await readReply(created, sessionsApi.create);
    slug = session.slug;
    const [me] = await db.select().from(users).where(eq(users.email, owner.email));
    const [mia] = await db
      .insert(users)
      .values({ name: "Mia Member", email: `mia-${run}@example.test` })
      .returning();
    await db.insert(spaceMembers).values({ spaceId, userId: mia!.id, role: "MEMBER" });
    const [speaker] = await db
      .insert(participants)
      .values({
        videoSessionId: session.id,
        userId: me!.id,
        identity: `user-${me!.id}`,
        displayName: owner.name,
        role: "HOST",
      })
      .returning();
    const [segment] = await db
      .insert(transcriptSegments)
      .values({
        videoSessionId: session.id,
        participantId: speaker!.id,
        utteranceId: `t-${run}`,
        text: "Mia, please send the budget by Friday.",
        startMs: 0,
        endMs: 2000,
        provider: "test",
      })
      .returning();
    segmentId = segment!.id;
    // The call's action item becomes a task the way the analysis job makes it.
    const [analysis] = await db
      .insert(sessionAnalyses)
      .values({ videoSessionId: session.id, status: "DONE" })
      .returning();
    const made = await createTasksFromAnalysis(db, {
      spaceId,
      videoSessionId: session.id,
      sessionAnalysisId: analysis!.id,
      createdByUserId: me!.id,
      actionItems: [
        {
          key: "budget",
          text: BUDGET,
          segmentIds: [segmentId],
          owner: { name: "Mia", participantId: null, userId: mia!.id },
          due: "2026-12-04",
        },
      ],
    });
    expect(made).toEqual({ created: 1 });
    const [budget] = await db.select().from(tasks).where(eq(tasks.videoSessionId, session.id));
    budgetId = budget!.id;
    await db.insert(tasks).values({ spaceId, title: VENUE, assigneeUserId: me!.id, status: "DOING" });
    // One made through the API, as the page's form does.
    const manual = await api.post(`${baseUrl}/api/spaces/${spaceId}/tasks`, {
      data: { title: NOTES, status: "DONE" },
    });
    expect(manual.status()).toBe(201);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await pool.end();
  });

  it("renders on the server with its data, in English and Russian, without a server error", async () => {
    for (const [language, statusName] of [
      ["en-US", "In progress"],
      ["ru-RU", "В работе"],
    ] as const) {
      let status = 0;
      let html = "";
      const log = await logDuring(async () => {
        const res = await context.request.get(`${baseUrl}/spaces/${spaceId}/tasks`, {
          headers: { "accept-language": language },
        });
        status = res.status();
        html = await res.text();
      });
      expect(status, `${language}: ${log}`).toBe(200);
      for (const title of [BUDGET, VENUE, NOTES, sessionTitle, "Mia Member", statusName]) {
        expect(html, `${language}: ${title}`).toContain(title);
      }
      expect(html).toContain(`href="/s/${slug}/transcript?segment=${segmentId}"`);
      expect(html).toContain(`href="/s/${slug}"`);
      expect(log).not.toMatch(/⨯|Error|"level":[56]0/);
    }
    const space = await context.request.get(`${baseUrl}/spaces/${spaceId}`);
    expect(await space.text()).toContain(`href="/spaces/${spaceId}/tasks"`);
  });

  it("saves a status change, which is still there after a reload", async () => {
    await page.goto(`${baseUrl}/spaces/${spaceId}/tasks`);
    // Saved as it changes (ux-tasks.test.ts: autosave, the done box, groups).
    const saved = page.waitForResponse(
      (r) => r.url().endsWith(`/api/spaces/${spaceId}/tasks/${budgetId}`) && r.request().method() === "PATCH",
    );
    await row(BUDGET).getByLabel(`Status of “${BUDGET}”`).selectOption("DONE");
    expect((await saved).status()).toBe(200);
    await page.reload();
    expect(await row(BUDGET).getByLabel(`Status of “${BUDGET}”`).inputValue()).toBe("DONE");
    const [stored] = await db.select().from(tasks).where(eq(tasks.id, budgetId));
    expect(stored!.status).toBe("DONE");
    // Nothing else changed with it.
    expect(stored!.title).toBe(BUDGET);
    expect(stored!.dueAt?.toISOString()).toBe("2026-12-04T00:00:00.000Z");
  });

  it("filters by status and assignee through the URL", async () => {
    await page.goto(`${baseUrl}/spaces/${spaceId}/tasks`);
    expect((await listedTitles()).sort()).toEqual([BUDGET, NOTES, VENUE].sort());
    const filters = page.getByRole("form", { name: "Filters" });
    await filters.getByLabel("Status").selectOption("DOING");
    await page.waitForURL(/status=DOING/);
    await expect.poll(listedTitles).toEqual([VENUE]);

    await page.goto(`${baseUrl}/spaces/${spaceId}/tasks?status=DONE`);
    expect((await listedTitles()).sort()).toEqual([BUDGET, NOTES].sort());
    await page.goto(`${baseUrl}/spaces/${spaceId}/tasks?assignee=me`);
    expect(await listedTitles()).toEqual([VENUE]);
    await page.goto(`${baseUrl}/spaces/${spaceId}/tasks?assignee=none`);
    expect(await listedTitles()).toEqual([NOTES]);
  });
});
