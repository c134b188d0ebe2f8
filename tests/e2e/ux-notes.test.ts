import { randomBytes, randomInt } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { sessionAnalyses } from "@/lib/db/schema/analysis";
import { devSignIn, sameSignIn, signedInBrowser, wholeInView } from "../support/browser";
import { createSession, inviteAndAccept, joinWithMic, shot } from "../support/call-people";
import { spacesApi } from "@/modules/core/spaces/api/contract";
import { readReply } from "../support/contract";
import { markEnded, seedParticipants, storeLines, storeRecording } from "../support/ended-call";

/**
 * Issue 18, items 12–14: from the call to its notes (item 15, tasks, is ux-tasks.test.ts). One
 * browser; the host's context is shared by the cases, each opening the page it needs.
 */

const baseUrl = inject("baseUrl");
const { db, pool } = createDb(inject("databaseUrl"), 2);
const run = randomBytes(3).toString("hex");
const host = { name: "Nora Notes", email: `nora-${run}@example.test` };
const member = { name: "Max Member", email: `max-${run}@example.test` };
const TITLE = `Planning review ${run}`;
const RU_TITLE = `Планёрка ${run}`;
const SEGMENTS = 260;
/** Said once, in segment 230: on the transcript's second page. */
const NEEDLE = `zebra${run}`;
/** Segment i is said i × 3 s into the call: 27 is at 01:21, 150 at 07:30. */
const textOf = (i: number) =>
  i === 230 ? `the ${NEEDLE} crossing is open` : `Line ${i} about item ${i % 7}`;
const STARTED = new Date(Date.UTC(2026, 10, 20, 23, 30, 0));
const DAY = "2026-11-20";

let browser: Browser;
let context: BrowserContext;
let page: Page;
let spaceId: string;
let slug: string;
let ids: string[];

const api = () => context.request;

const newSession = (title: string) => createSession(page, baseUrl, spaceId, { title });

/** A context signed in as the host, with other viewport, locale or time zone. */
const hostContext = (opts: Parameters<Browser["newContext"]>[0]) =>
  sameSignIn(browser, context, "10.82", opts);

describe("issue 18: from the call to its notes", () => {
  beforeAll(async () => {
    ({ browser, context, page } = await signedInBrowser(baseUrl, host, "10.82"));
    const space = await api().post(`${baseUrl}/api/spaces`, { data: { name: `Notes ${run}` } });
    spaceId = (await readReply(space, spacesApi.create)).space.id;

    // An ended session with its transcript, a recording and an analysis, as the call left them.
    const session = await newSession(TITLE);
    slug = session.slug;
    await markEnded(db, session.id, STARTED, new Date(STARTED.getTime() + 3_600_000));
    const speaker = (await seedParticipants(db, session.id, host)).host;
    ids = await storeLines(
      db,
      session.id,
      Array.from({ length: SEGMENTS }, (_, i) => ({
        participantId: speaker.id,
        utteranceId: `n-${i}`,
        text: textOf(i),
        endMs: 2000,
        at: new Date(STARTED.getTime() + i * 3000 + 2000),
      })),
    );
    await db.insert(sessionAnalyses).values({
      videoSessionId: session.id,
      status: "DONE",
      progress: 100,
      attempts: 1,
      // As an analyzer wrote them before they were normalised: lower case, no full stop.
      summary: "we agreed to ship the beta on march third",
      summaryPoints: [{ text: "we agreed to ship the beta on march third", segmentIds: [ids[27]!] }],
      // A long card: it grows far when it arrives after a jump.
      keyPoints: Array.from({ length: 40 }, (_, k) => ({ text: `Key point ${k}.`, segmentIds: [ids[k]!] })),
      decisions: [{ text: "the budget doubles,", segmentIds: [ids[40]!] }],
      actionItems: [],
      talkTime: [],
      model: "offline (LLM failed: timed out)",
      completedAt: new Date(),
    });
    await storeRecording(db, session.id, {
      startedAt: STARTED,
      durationMs: 600_000,
      storageKey: `missing-${run}.mp4`,
    });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await pool.end();
  });

  it("12: the host's and a participant's end screens link to the transcript and the analysis", async () => {
    const live = await newSession(`Standup ${run}`);
    const guestContext = await browser.newContext({
      locale: "en-US",
      extraHTTPHeaders: { "x-forwarded-for": `10.83.${randomInt(256)}.${randomInt(1, 255)}` },
    });
    try {
      const other = await guestContext.newPage();
      other.setDefaultTimeout(30_000);
      await devSignIn(other, baseUrl, member);
      await inviteAndAccept(api(), other.request, baseUrl, spaceId, member.email);
      const hostPage = await context.newPage();
      hostPage.setDefaultTimeout(30_000);
      await joinWithMic(hostPage, baseUrl, live.slug, false);
      await joinWithMic(other, baseUrl, live.slug, false);
      const ended = await api().post(`${baseUrl}/api/sessions/${live.slug}/end`);
      expect(ended.status()).toBe(200);
      for (const [who, screen] of [
        ["host", hostPage],
        ["participant", other],
      ] as const) {
        const notes = screen.getByRole("navigation", { name: "After the call" });
        await notes.waitFor();
        const transcript = notes.getByRole("link", { name: "Open the transcript" });
        expect(await transcript.getAttribute("href"), who).toBe(`/s/${live.slug}/transcript`);
        const analysis = notes.getByRole("link", { name: "Open the analysis" });
        await analysis.waitFor();
        expect(await analysis.getAttribute("href"), who).toBe(`/s/${live.slug}/transcript#analysis`);
        // The job runs in the server's worker: the screen follows it until it is done.
        await expect
          .poll(() => screen.getByTestId("notes-analysis").getAttribute("data-state"), { timeout: 60_000 })
          .toBe("DONE");
        expect(await screen.getByTestId("notes-analysis").textContent()).toBe("The analysis is ready.");
      }
      await shot(hostPage, "notes-end-screen");
      await hostPage.close();
    } finally {
      await guestContext.close();
    }
  });

  it("12: the end screen says the analysis is still running, then that it is ready", async () => {
    const later = await newSession(`Retro ${run}`);
    await markEnded(db, later.id, STARTED);
    await db.insert(sessionAnalyses).values({ videoSessionId: later.id, status: "RUNNING", progress: 40 });
    await page.goto(`${baseUrl}/s/${later.slug}`);
    const state = page.getByTestId("notes-analysis");
    await expect.poll(() => state.getAttribute("data-state")).toBe("RUNNING");
    expect(await state.textContent()).toBe(
      "The analysis is still running. It will be ready here in a minute.",
    );
    await db
      .update(sessionAnalyses)
      .set({ status: "DONE", progress: 100 })
      .where(eq(sessionAnalyses.videoSessionId, later.id));
    await expect.poll(() => state.textContent(), { timeout: 15_000 }).toBe("The analysis is ready.");
  });

  it("13: a search opens where it matched, marked in the line and scrolled to", async () => {
    await page.goto(`${baseUrl}/s/${slug}/transcript?q=${NEEDLE}`);
    const mark = page.getByTestId("transcript").locator("mark");
    await mark.first().waitFor();
    expect(await mark.count()).toBe(1);
    expect(await mark.textContent()).toBe(NEEDLE);
    await expect.poll(() => wholeInView(mark)).toBe(true);
    expect(await page.locator(`[data-segment="${ids[230]}"]`).getAttribute("aria-current")).toBe("true");
  });

  it("13: a jump to a moment keeps its line in view while the page settles", async () => {
    // A line near the top, so the first scroll leaves the page at 0, where browsers do not anchor
    // scrolling; then the analysis card arrives above it and grows by its 40 key points.
    const tall = await hostContext({ viewport: { width: 1280, height: 1400 }, locale: "en-US" });
    try {
      const p = await tall.newPage();
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      await p.route(`**/api/sessions/${slug}/analysis`, async (route: Route) => {
        await held;
        await route.continue();
      });
      await p.goto(`${baseUrl}/s/${slug}/transcript?t=00:06`);
      const line = p.locator(`[data-segment="${ids[2]}"]`);
      expect(await line.getAttribute("aria-current")).toBe("true");
      await expect.poll(() => wholeInView(line)).toBe(true);
      release();
      await p.getByRole("list", { name: "Key points" }).waitFor();
      await expect.poll(() => wholeInView(line)).toBe(true);
    } finally {
      await tall.close();
    }
  });

  it("13: the analysis card folds away and stays folded on the next visit", async () => {
    await page.goto(`${baseUrl}/s/${slug}/transcript`);
    const panel = page.getByTestId("analysis");
    await panel.getByRole("list", { name: "Summary" }).waitFor();
    await panel.getByRole("button", { name: "Hide the analysis" }).click();
    await panel.getByRole("list", { name: "Summary" }).waitFor({ state: "hidden" });
    await page.reload();
    const show = panel.getByRole("button", { name: "Show the analysis" });
    await show.waitFor();
    expect(await show.getAttribute("aria-expanded")).toBe("false");
    expect(await panel.getByRole("list", { name: "Summary" }).isVisible()).toBe(false);
    await show.click();
    await panel.getByRole("list", { name: "Summary" }).waitFor();
  });

  it("13: on a phone the recording stays in view as a mini player while the transcript scrolls", async () => {
    const phone = await hostContext({ viewport: { width: 390, height: 844 }, locale: "en-US" });
    try {
      const p = await phone.newPage();
      await p.goto(`${baseUrl}/s/${slug}/transcript`);
      const player = p.getByTestId("recording-player");
      await player.waitFor();
      await p.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
      await expect.poll(() => p.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
      expect(await wholeInView(player)).toBe(true);
      const box = (await player.boundingBox())!;
      expect(box.height).toBeLessThanOrEqual(844 / 4);
      await shot(p, "notes-transcript-mobile");
    } finally {
      await phone.close();
    }
  });

  it("13: times are shown in the reader's time zone", async () => {
    const tokyo = await hostContext({ timezoneId: "Asia/Tokyo", locale: "en-US" });
    try {
      const p = await tokyo.newPage();
      await p.goto(`${baseUrl}/s/${slug}/transcript`);
      const inTokyo = (ms: number) =>
        p.evaluate(
          (at) =>
            new Intl.DateTimeFormat("en", {
              year: "numeric",
              month: "short",
              day: "numeric",
              hour: "numeric",
              minute: "2-digit",
              timeZone: "Asia/Tokyo",
            }).format(new Date(at)),
          ms,
        );
      const started = p.getByTestId("session-started");
      // 23:30 UTC is the next morning in Tokyo.
      await expect.poll(() => started.textContent()).toBe(`Started ${await inTokyo(STARTED.getTime())}`);
      expect(await started.textContent()).toContain("Nov 21, 2026");
      const time = p.locator(`[data-segment="${ids[27]}"] a`).first();
      expect(await time.textContent()).toBe("01:21");
      expect(await time.getAttribute("title")).toBe(await inTokyo(STARTED.getTime() + 81_000));
    } finally {
      await tokyo.close();
    }
  });

  it("13: downloads are named by the session's title and day", async () => {
    await page.goto(`${baseUrl}/s/${slug}/transcript`);
    const [file] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Text", exact: true }).click(),
    ]);
    expect(file.suggestedFilename()).toBe(`${TITLE} ${DAY}.txt`);

    const ru = await newSession(`${RU_TITLE} / "черновик"`);
    await markEnded(db, ru.id, STARTED);
    const res = await api().get(`${baseUrl}/api/sessions/${ru.slug}/transcript/export?format=vtt`);
    expect(res.status()).toBe(200);
    const name = `${RU_TITLE} черновик ${DAY}.vtt`;
    expect(res.headers()["content-disposition"]).toBe(
      `attachment; filename="transcript-${ru.slug} ${DAY}.vtt"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
  });

  it("14: citations are times that jump there, points read as sentences, no analyzer id", async () => {
    await page.goto(`${baseUrl}/s/${slug}/transcript`);
    const panel = page.getByTestId("analysis");
    const summary = panel.getByRole("list", { name: "Summary" }).locator("li");
    await summary.first().waitFor();
    expect(await summary.first().textContent()).toBe("We agreed to ship the beta on march third.01:21");
    expect(await panel.getByRole("list", { name: "Decisions" }).locator("li").first().textContent()).toBe(
      "The budget doubles.02:00",
    );
    const panelText = (await panel.textContent()) ?? "";
    expect(panelText).not.toMatch(/offline|LLM|Analyzer|source 1/i);
    const cite = summary.first().getByRole("link", { name: "Jump to 01:21 in the transcript" });
    expect(await cite.textContent()).toBe("01:21");
    await Promise.all([page.waitForURL(new RegExp(`segment=${ids[27]}`)), cite.click()]);
    const line = page.locator(`[data-segment="${ids[27]}"]`);
    expect(await line.getAttribute("aria-current")).toBe("true");
    await expect.poll(() => wholeInView(line)).toBe(true);
  });
});
