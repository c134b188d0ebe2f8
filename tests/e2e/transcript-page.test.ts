import { randomBytes, randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page } from "playwright-core";
import SrtParser from "srt-parser-2";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { transcriptSegmentTranslations } from "@/lib/db/schema/transcription";
import { devSignIn, launchChromium, wholeInView } from "../support/browser";
import { inviteAndAccept, shot } from "../support/call-people";
import { sessionsApi } from "@/modules/core/sessions/api/contract";
import { spacesApi } from "@/modules/core/spaces/api/contract";
import { readReply } from "../support/contract";
import { markEnded, seedParticipants, storeLines } from "../support/ended-call";

type VttNode = { type: string; name?: string; value?: string; children?: VttNode[] };
type VttCue = { startTime: number; endTime: number; tree: { children: VttNode[] } };
const load = createRequire(import.meta.url);
const { WebVTTParser } = load("webvtt-parser") as {
  WebVTTParser: new (entities: unknown) => {
    parse(input: string, mode: "metadata"): { cues: VttCue[]; errors: unknown[] };
  };
};
// The full entity table: without it the parser decodes only a few named references.
const vttEntities: unknown = load("webvtt-parser/html-entities.json");
/** Voice annotations come back as written; the spec has `&`, `<`, `>` escaped there. */
const unescapeVoice = (v: string | undefined) =>
  v?.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

const baseUrl = inject("baseUrl");
const { db, pool } = createDb(inject("databaseUrl"), 2);
const run = randomBytes(3).toString("hex");
const host = { name: "Tess Transcript", email: `tess-${run}@example.test` };
const SEGMENTS = 450;

let browser: Browser;
let context: BrowserContext;
let page: Page;
let slug: string;
let spaceId: string;
let ids: string[];

/** Who says segment i: turns of three segments, alternating between the host and a guest. */
const speakerOf = (i: number) => (Math.floor(i / 3) % 2 === 0 ? host.name : "Gus <Guest>");
const textOf = (i: number) =>
  i === 310 ? "We agreed the quarterly BUDGET --> <b>doubles</b> & ships" : `Line ${i} about item ${i % 7}`;
/** Stored Russian translations (as the ws server stores them live): every tenth line has none. */
const ruOf = (i: number) => (i % 10 === 9 ? null : `Строка ${i} о пункте ${i % 7}`);

/** A download's name: the session's title and day (ux-notes.test.ts checks the day and the quoting). */
const named = (ext: string) =>
  new RegExp(`^Planning ${run} \\d{4}-\\d{2}-\\d{2}\\.${ext.replace(".", "\\.")}$`);

/** Clicks a download link on the page: the file's suggested name and text. */
async function download(label: string) {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: label, exact: true }).click(),
  ]);
  return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, "utf8") };
}

describe("transcript page and downloads", () => {
  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({
      locale: "en-US",
      acceptDownloads: true,
      extraHTTPHeaders: { "x-forwarded-for": `10.79.${randomInt(256)}.${randomInt(1, 255)}` },
    });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl });
    page = await context.newPage();
    await devSignIn(page, baseUrl, host);
    const space = await context.request.post(`${baseUrl}/api/spaces`, { data: { name: `T ${run}` } });
    spaceId = (await readReply(space, spacesApi.create)).space.id;
    const created = await context.request.post(`${baseUrl}/api/spaces/${spaceId}/sessions`, {
      data: { title: `Planning ${run}` },
    });
    const session = (await readReply(created, sessionsApi.create)).session as { id: string; slug: string };
    slug = session.slug;
    // An ended call with a long transcript, written straight into the database.
    const started = new Date(Date.now() - 3 * 3_600_000);
    await markEnded(db, session.id, started);
    const people = await seedParticipants(db, session.id, host, {
      identity: `guest-${run}`,
      displayName: "Gus <Guest>",
    });
    ids = await storeLines(
      db,
      session.id,
      Array.from({ length: SEGMENTS }, (_, i) => ({
        participantId: speakerOf(i) === host.name ? people.host.id : people.guest!.id,
        utteranceId: `e2e-${i}`,
        text: textOf(i),
        endMs: 1500,
        // Past the first hour for the later segments: 10 s apart.
        at: new Date(started.getTime() + 2000 + i * 10_000),
      })),
    );
    const tr = { videoSessionId: session.id, provider: "test" };
    await db
      .insert(transcriptSegmentTranslations)
      .values([
        ...ids.flatMap((_, i) =>
          ruOf(i) ? [{ ...tr, utteranceId: `e2e-${i}`, language: "ru", text: ruOf(i)! }] : [],
        ),
        { ...tr, utteranceId: "e2e-0", language: "de", text: "Zeile 0" },
      ]);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await pool.end();
  });

  it("shows speaker turns with names and offsets, a page at a time", async () => {
    await page.goto(`${baseUrl}/s/${slug}/transcript`);
    await expect.poll(() => page.locator("[data-segment]").count()).toBe(200);
    const first = page.locator("[data-turn]").first();
    expect(await first.locator("[data-speaker]").textContent()).toBe(host.name);
    expect(await first.locator("[data-segment]").count()).toBe(3);
    expect(await page.locator("[data-turn]").nth(1).locator("[data-speaker]").textContent()).toBe(
      "Gus <Guest>",
    );
    // 2 s in, less the 1.5 s it lasted.
    expect(await first.locator("[data-segment] a").first().textContent()).toBe("00:00");
    expect(await page.getByText("Page 1 of 3").count()).toBe(1);
    const ru = await context.request.get(`${baseUrl}/s/${slug}/transcript`, {
      headers: { "accept-language": "ru-RU" },
    });
    expect(ru.status()).toBe(200);
    expect(await ru.text()).toContain("Страница 1 из 3");
  });

  it("searches the whole transcript, highlights matches and jumps to one on another page", async () => {
    await page.goto(`${baseUrl}/s/${slug}/transcript`);
    await page.getByLabel("Search the transcript").fill("budget");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.waitForURL(/q=budget/);
    const results = page.getByTestId("search-results").locator("a");
    expect(await results.count()).toBe(1);
    expect(await page.getByText("1 match for “budget”").count()).toBe(1);
    await Promise.all([page.waitForURL(new RegExp(`segment=${ids[310]}`)), results.first().click()]);
    const hit = page.locator(`[data-segment="${ids[310]}"]`);
    expect(await hit.getAttribute("aria-current")).toBe("true");
    expect(await hit.locator("mark").textContent()).toBe("BUDGET");
    // Markup in what was said is text, not HTML.
    expect(await hit.locator("b").count()).toBe(0);
    expect(await hit.textContent()).toContain("--> <b>doubles</b> & ships");
    expect(await page.getByText("Page 2 of 3").count()).toBe(1);
  });

  it("copies a segment link that opens its page with the segment highlighted and in view", async () => {
    await page.goto(`${baseUrl}/s/${slug}/transcript?page=3`);
    const target = ids[420]!;
    const row = page.locator(`[data-segment="${target}"]`);
    await row.hover();
    await row.locator(`[data-segment-link="${target}"]`).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Link copied" }).count()).toBe(1);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(`${baseUrl}/s/${slug}/transcript?segment=${target}`);

    await page.goto(`${baseUrl}/s/${slug}/transcript`);
    await page.goto(copied);
    expect(await row.getAttribute("aria-current")).toBe("true");
    await expect.poll(() => row.isVisible()).toBe(true);
    await expect.poll(() => wholeInView(row)).toBe(true);
    expect(await page.locator("[aria-current=true]").count()).toBe(1);
  });

  it("jumps to a moment typed as h:mm:ss", async () => {
    await page.goto(`${baseUrl}/s/${slug}/transcript`);
    // Segment 400 was stored 4,002 s in: 1:06:42.
    await page.getByLabel("Jump to a moment").fill("1:06:40");
    await page.getByRole("button", { name: "Go", exact: true }).click();
    await page.waitForURL(/t=1%3A06%3A40/);
    expect(await page.getByText("Page 3 of 3").count()).toBe(1);
    const moment = page.locator(`[data-segment="${ids[400]}"]`);
    expect(await moment.locator("a").first().textContent()).toBe("1:06:40");
    expect(await moment.getAttribute("aria-current")).toBe("true");
  });

  it("downloads every format, and each parses with the right cues and speakers", async () => {
    await page.goto(`${baseUrl}/s/${slug}/transcript`);

    const vtt = await download("WebVTT");
    expect(vtt.name).toMatch(named("vtt"));
    const parsed = new WebVTTParser(vttEntities).parse(vtt.text, "metadata");
    expect(parsed.errors).toEqual([]);
    expect(parsed.cues).toHaveLength(SEGMENTS);
    const voice = (cue: VttCue) => cue.tree.children.find((n) => n.name === "v");
    expect(parsed.cues.map((c) => unescapeVoice(voice(c)?.value))).toEqual(ids.map((_, i) => speakerOf(i)));
    const cue310 = voice(parsed.cues[310]!)!
      .children!.map((n) => n.value)
      .join("");
    expect(cue310).toBe(textOf(310));
    expect(parsed.cues[400]!.startTime).toBeCloseTo(4000.5, 3);

    const srt = await download("SRT");
    expect(srt.name).toMatch(named("srt"));
    const cues = new SrtParser().fromSrt(srt.text);
    expect(cues).toHaveLength(SEGMENTS);
    expect(cues.map((c) => c.id)).toEqual(ids.map((_, i) => String(i + 1)));
    expect(cues.map((c) => c.text.split(": ")[0])).toEqual(ids.map((_, i) => speakerOf(i)));
    expect(cues[400]!.startTime).toBe("01:06:40,500");

    const json = JSON.parse((await download("JSON")).text);
    expect(json.segments).toHaveLength(SEGMENTS);
    expect(json.segments.map((s: { id: string }) => s.id)).toEqual(ids);
    expect(json.segments[310].speaker.name).toBe(speakerOf(310));
    expect(json.segments[310].text).toBe(textOf(310));

    const txt = (await download("Text")).text.trim().split("\n");
    expect(txt).toHaveLength(SEGMENTS + 2);
    expect(txt[2]).toBe(`[00:00] ${host.name}: ${textOf(0)}`);

    const md = (await download("Markdown")).text;
    expect(md.match(/^\*\*.+\*\* · /gm)).toHaveLength(SEGMENTS / 3);
    expect(md).toContain("quarterly BUDGET \\-\\-\\> \\<b\\>doubles\\</b\\> \\& ships");
  });

  it("reads the transcript in Russian, server-rendered, kept by paging, and downloads it in Russian", async () => {
    const url = `${baseUrl}/s/${slug}/transcript?lang=ru`;
    const html = await (await context.request.get(url)).text();
    expect(html).toContain(ruOf(0));
    expect(html).not.toContain(`>${textOf(0)}<`);
    await page.goto(url);
    const picker = page.getByRole("list", { name: "Read in" }).getByRole("link");
    expect(await picker.allTextContents()).toEqual(["Original", "German", "Russian"]);
    expect(await picker.nth(2).getAttribute("aria-current")).toBe("page");
    const line = (i: number) => page.locator(`[data-segment="${ids[i]}"] span[dir=auto]`);
    expect(await line(0).getAttribute("title")).toBe(`Original: ${textOf(0)}`);
    expect(await line(0).textContent()).toBe(ruOf(0));
    // No translation: the original, marked as such.
    expect(await line(9).textContent()).toBe(`${textOf(9)}original`);
    expect(await page.locator("[data-untranslated]").count()).toBe(20);
    await page.evaluate(() => window.scrollTo(0, 300)); // the marked line 9 in the screenshot
    await shot(page, "transcript-ru");
    await Promise.all([
      page.waitForURL(/page=2&lang=ru/),
      page.getByRole("link", { name: "Next", exact: true }).click(),
    ]);
    expect(await line(200).textContent()).toBe(ruOf(200));

    const vtt = await download("WebVTT");
    expect(vtt.name).toMatch(named("ru.vtt"));
    const { cues, errors } = new WebVTTParser(vttEntities).parse(vtt.text, "metadata");
    expect(errors).toEqual([]);
    const said = (c: VttCue) =>
      c.tree.children
        .find((n) => n.name === "v")!
        .children!.map((n) => n.value)
        .join("");
    expect(cues.map(said)).toEqual(ids.map((_, i) => ruOf(i) ?? textOf(i)));
  });

  it("the host's switch opens the page to a space member who was not in the call, and closes it again", async () => {
    const reader = await browser.newContext({
      locale: "en-US",
      extraHTTPHeaders: { "x-forwarded-for": `10.80.${randomInt(256)}.${randomInt(1, 255)}` },
    });
    try {
      const memberPage = await reader.newPage();
      const member = { name: "Mia Member", email: `mia-${run}@example.test` };
      await devSignIn(memberPage, baseUrl, member);
      await inviteAndAccept(context.request, memberPage.request, baseUrl, spaceId, member.email);
      const url = `${baseUrl}/s/${slug}/transcript`;
      expect((await memberPage.goto(url))!.status()).toBe(404);

      await page.goto(url);
      const toggle = page.getByRole("switch", { name: "Share with the space's members" });
      expect(await toggle.isChecked()).toBe(false);
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith("/transcript/sharing") && r.status() === 200),
        toggle.click(),
      ]);
      expect((await memberPage.goto(url))!.status()).toBe(200);
      expect(await memberPage.locator("[data-segment]").count()).toBe(200);
      // A reader who may not manage sees no switch.
      expect(await memberPage.getByRole("switch").count()).toBe(0);

      await page.reload();
      expect(await toggle.isChecked()).toBe(true);
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith("/transcript/sharing") && r.status() === 200),
        toggle.click(),
      ]);
      expect((await memberPage.goto(url))!.status()).toBe(404);
    } finally {
      await reader.close();
    }
  });
});
