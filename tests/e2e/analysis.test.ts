import { randomBytes, randomInt } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { users } from "@/lib/db/schema/identity";
import { participants } from "@/lib/db/schema/sessions";
import { transcriptSegments } from "@/lib/db/schema/transcription";
import { devSignIn, launchChromium } from "../support/browser";
import { analysisApi } from "@/modules/core/analysis/api/contract";
import { sessionsApi } from "@/modules/core/sessions/api/contract";
import { spacesApi } from "@/modules/core/spaces/api/contract";
import { tasksApi } from "@/modules/core/tasks/api/contract";
import { readReply } from "../support/contract";

const baseUrl = inject("baseUrl");
const { db, pool } = createDb(inject("databaseUrl"), 2);
const run = randomBytes(3).toString("hex");
const host = { name: "Ana Lyst", email: `ana-${run}@example.test` };
const GUEST = "Gus Guest";

const MEETING: [string, string][] = [
  [host.name, "Good morning everyone, let's review the launch plan for the mobile app."],
  [GUEST, "The beta feedback was mostly positive, people like the new onboarding."],
  [host.name, "We decided to ship the release on March third."],
  [GUEST, "I will send the budget report to finance by Friday."],
  [host.name, "The crash rate on older phones is still too high."],
  [GUEST, "Marketing needs the screenshots before the launch."],
  [host.name, "Thanks everyone, that's all for today."],
];

let browser: Browser;
let context: BrowserContext;
let page: Page;
let slug: string;
let spaceId: string;
let ids: string[];

describe("the session analysis after a call", () => {
  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({
      locale: "en-US",
      extraHTTPHeaders: { "x-forwarded-for": `10.81.${randomInt(256)}.${randomInt(1, 255)}` },
    });
    page = await context.newPage();
    await devSignIn(page, baseUrl, host);
    const space = await context.request.post(`${baseUrl}/api/spaces`, { data: { name: `A ${run}` } });
    spaceId = (await readReply(space, spacesApi.create)).space.id;
    const created = await context.request.post(`${baseUrl}/api/spaces/${spaceId}/sessions`, {
      data: { title: `Launch sync ${run}` },
    });
    const session = (await readReply(created, sessionsApi.create)).session as { id: string; slug: string };
    slug = session.slug;
    // What captions stored during the call, written straight into the database.
    const [user] = await db.select().from(users).where(eq(users.email, host.email));
    const [hostRow, guestRow] = await db
      .insert(participants)
      .values([
        {
          videoSessionId: session.id,
          userId: user!.id,
          identity: `user-${user!.id}`,
          displayName: host.name,
          role: "HOST",
        },
        { videoSessionId: session.id, identity: `guest-${run}`, displayName: GUEST, role: "GUEST" },
      ])
      .returning();
    const started = Date.now() - 600_000;
    const rows = await db
      .insert(transcriptSegments)
      .values(
        MEETING.map(([speaker, text], i) => ({
          videoSessionId: session.id,
          participantId: speaker === host.name ? hostRow!.id : guestRow!.id,
          utteranceId: `a-${i}`,
          text,
          startMs: 0,
          endMs: 4000,
          provider: "test",
          createdAt: new Date(started + i * 5000),
        })),
      )
      .returning({ id: transcriptSegments.id, utteranceId: transcriptSegments.utteranceId });
    const byUtterance = new Map(rows.map((r) => [r.utteranceId, r.id]));
    ids = MEETING.map((_, i) => byUtterance.get(`a-${i}`)!);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await pool.end();
  });

  it("ends the call, reaches DONE, shows the results, and a source link opens its segment", async () => {
    // Ending through the app is what queues the job; the server's own worker runs it.
    const ended = await context.request.post(`${baseUrl}/api/sessions/${slug}/end`);
    expect(ended.status()).toBe(200);
    await page.goto(`${baseUrl}/s/${slug}/transcript`);
    const status = page.getByTestId("analysis-status");
    await expect.poll(() => status.getAttribute("data-status"), { timeout: 60_000 }).toBe("DONE");

    const panel = page.getByTestId("analysis");
    const summary = panel.getByRole("list", { name: "Summary" }).locator("li");
    expect(await summary.count()).toBeGreaterThan(0);
    const decisions = panel.getByRole("list", { name: "Decisions" }).locator("li");
    expect(await decisions.first().textContent()).toContain("We decided to ship the release on March third.");
    const item = panel
      .getByRole("list", { name: "Action items" })
      .locator("li", { hasText: /budget report/i });
    expect(await item.count()).toBe(1);
    expect(await item.textContent()).toContain(`Owner: ${GUEST}`);
    expect(await item.textContent()).toMatch(/Due [A-Z][a-z]{2} \d{1,2}, \d{4}/);
    expect(
      await panel.getByRole("img", { name: new RegExp(`^${host.name}: \\d+% of the talk time$`) }).count(),
    ).toBe(1);
    // The host may run it again.
    expect(await panel.getByRole("button", { name: "Run again" }).isEnabled()).toBe(true);

    // Cited by when it was said (ux-notes.test.ts checks the time itself).
    const source = item.getByRole("link", { name: /^Jump to \d{2}:\d{2} in the transcript$/ });
    expect(await source.getAttribute("href")).toBe(`/s/${slug}/transcript?segment=${ids[3]}`);
    await Promise.all([page.waitForURL(new RegExp(`segment=${ids[3]}`)), source.click()]);
    const segment = page.locator(`[data-segment="${ids[3]}"]`);
    expect(await segment.getAttribute("aria-current")).toBe("true");
    expect(await segment.textContent()).toContain("I will send the budget report to finance by Friday.");
  });

  it("the action item is a task in the space, once", async () => {
    await page.goto(`${baseUrl}/spaces/${spaceId}/tasks`);
    const titles = page.locator("li[data-task-id] input[aria-label^='Title of']");
    await expect.poll(() => titles.count()).toBeGreaterThan(0);
    const values = await titles.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(values.filter((v) => /budget report/i.test(v))).toHaveLength(1);
  });

  it("runs it again for the host: back through the queue to DONE", async () => {
    await page.goto(`${baseUrl}/s/${slug}/transcript`);
    const status = page.getByTestId("analysis-status");
    await expect.poll(() => status.getAttribute("data-status"), { timeout: 30_000 }).toBe("DONE");
    await page.getByRole("button", { name: "Run again" }).click();
    await expect
      .poll(
        async () => {
          const res = await context.request.get(`${baseUrl}/api/sessions/${slug}/analysis`);
          const body = await readReply(res, analysisApi.get);
          return `${body.analysis?.status}/${body.analysis?.attempts}`;
        },
        { timeout: 60_000 },
      )
      .toBe("DONE/2");
    await expect.poll(() => status.getAttribute("data-status"), { timeout: 30_000 }).toBe("DONE");
    // The re-run made no second task for the same action item.
    const tasks = await context.request.get(`${baseUrl}/api/spaces/${spaceId}/tasks`);
    const list = (await readReply(tasks, tasksApi.list)).tasks;
    expect(list.filter((t) => /budget report/i.test(t.title))).toHaveLength(1);
  });
});
