import { randomBytes, randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { videoSessions } from "@/lib/db/schema/sessions";
import { describedBy, devSignIn, launchChromium } from "../support/browser";
import { createSession, joinWithMic, shot } from "../support/call-people";
import { fromMoreMenu } from "../support/call-menu";
import { MEETING_SENTENCES, speechWav } from "../support/speech";

/**
 * Issue 18 item 8, captions people can read: one speaker's lines under their name once (over the
 * video and in the transcript), a size and a position the viewer picks and keeps, text that holds
 * WCAG AA over the brightest and the darkest video frame, and a session without captions saying so
 * once, the same way, in the call and after it, in the viewer's language.
 */

const baseUrl = inject("baseUrl");
const transcription = inject("transcription");
const run = randomBytes(3).toString("hex");
const host = { name: "Cara Captions", email: `cara-${run}@example.test` };
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

// Looped (no %noloop): captions keep coming while the checks run.
const speech = speechWav({
  sentences: MEETING_SENTENCES.slice(0, 3),
  sampleRate: 48_000,
  leadingSilenceMs: 1500,
  trailingSilenceMs: 1500,
});

const { db, pool } = createDb(inject("databaseUrl"), 2);

let browser: Browser;
let page: Page;
let spaceId: string;

async function newPage(locale: string): Promise<Page> {
  const context = await browser.newContext({
    locale,
    viewport: { width: 1280, height: 800 },
    extraHTTPHeaders: { "x-forwarded-for": `10.93.${randomInt(256)}.${randomInt(1, 255)}` },
  });
  await context.addInitScript(() => localStorage.setItem("rooms:voice-processing", "off"));
  const p = await context.newPage();
  p.setDefaultTimeout(30_000);
  return p;
}

/** Caption sockets this page opens to the ws server. */
function captionSockets(p: Page): string[] {
  const urls: string[] = [];
  p.on("websocket", (ws) => ws.url().startsWith(transcription.url) && urls.push(ws.url()));
  return urls;
}

type Contrast = { violations: string[]; passes: number };

/**
 * axe's color-contrast on a copy of the captions over a plain white and a plain black frame: the
 * brightest and the darkest a video can be behind the panel (axe leaves text over a <video> as
 * "incomplete", since it cannot see its pixels).
 */
async function contrastOverFrames(p: Page): Promise<Record<"white" | "black", Contrast>> {
  await p.evaluate(axeSource);
  return p.evaluate(async () => {
    type AxeNode = { failureSummary?: string; html: string };
    type AxeResult = { violations: { nodes: AxeNode[] }[]; passes: { nodes: AxeNode[] }[] };
    const axe = (window as unknown as { axe: { run(el: Element, o: object): Promise<AxeResult> } }).axe;
    const area = document.querySelector('[data-testid="captions-area"]')!;
    const out: Record<string, Contrast> = {};
    for (const [name, colour] of [
      ["white", "#ffffff"],
      ["black", "#000000"],
    ]) {
      const frame = document.createElement("div");
      frame.style.cssText = `position:fixed;inset:0;z-index:2147483647;background:${colour}`;
      const copy = area.cloneNode(true) as Element;
      copy.querySelectorAll("[aria-hidden]").forEach((el) => el.removeAttribute("aria-hidden"));
      frame.appendChild(copy);
      document.body.appendChild(frame);
      const result = await axe.run(frame, { runOnly: { type: "rule", values: ["color-contrast"] } });
      frame.remove();
      out[name!] = {
        violations: result.violations.flatMap((v) => v.nodes.map((n) => `${n.html}: ${n.failureSummary}`)),
        passes: result.passes.flatMap((v) => v.nodes).length,
      };
    }
    return out as Record<"white" | "black", Contrast>;
  });
}

describe("captions people can read (issue 18 item 8)", () => {
  beforeAll(async () => {
    browser = await launchChromium([
      `--use-file-for-fake-audio-capture=${speech.path}`,
      "--autoplay-policy=no-user-gesture-required",
    ]);
    page = await newPage("en-US");
    await devSignIn(page, baseUrl, host);
    const space = await page.request.post(`${baseUrl}/api/spaces`, { data: { name: `Captions ${run}` } });
    expect(space.status()).toBe(201);
    spaceId = (await space.json()).space.id as string;
  });

  afterAll(async () => {
    await browser?.close();
    await pool.end();
  });

  it("groups one speaker's lines under one name, over the video and in the transcript, in AA contrast", async () => {
    const { slug } = await createSession(page, baseUrl, spaceId, { title: `Readable ${run}` });
    await joinWithMic(page, baseUrl, slug, true);
    await page.getByRole("button", { name: "Transcript", exact: true }).click();

    // Over the video: two lines of the one speaker under a single name.
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-testid="captions-overlay"] [data-caption-group]')].some(
          (g) => g.querySelectorAll("[data-caption-id]").length >= 2,
        ),
      null,
      { timeout: 90_000 },
    );
    const overlay = await page.getByTestId("captions-overlay").evaluate((el) => ({
      groups: [...el.querySelectorAll("[data-caption-group]")].map((g) => g.getAttribute("data-speaker")),
      names: [...el.querySelectorAll("[data-caption-speaker]")].map((n) => n.textContent),
    }));
    expect(overlay.names).toEqual(overlay.groups);
    expect(new Set(overlay.names)).toEqual(new Set([host.name]));
    await shot(page, "capux-grouped-desktop");

    const contrast = await contrastOverFrames(page);
    for (const frame of ["white", "black"] as const) {
      expect(contrast[frame].violations, frame).toEqual([]);
      // The name and at least one line were measured.
      expect(contrast[frame].passes, frame).toBeGreaterThanOrEqual(2);
    }

    // The transcript: every line is the speaker's, their name and time shown over the first only.
    const log = page.getByRole("log", { name: "Transcript" });
    await expect
      .poll(() => log.locator('li[data-final="true"]').count(), { timeout: 60_000 })
      .toBeGreaterThanOrEqual(2);
    const rows = await log.evaluate((el) =>
      [...el.querySelectorAll("li[data-caption-id]")].map((li) => ({
        speaker: li.getAttribute("data-speaker"),
        header: li.querySelector("time") !== null,
      })),
    );
    expect(rows.every((r) => r.speaker === host.name)).toBe(true);
    expect(rows.map((r) => r.header)).toEqual(rows.map((_, i) => i === 0));
    expect(await log.getByText(host.name, { exact: true }).count()).toBe(1);
  });

  it("offers four caption sizes and two positions in Devices, and keeps them after a reload", async () => {
    const area = page.getByTestId("captions-area");
    const fontPx = () => area.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const top = async () => (await area.boundingBox())!.y;
    await fromMoreMenu(page, "menuitem", "Devices");
    const size = page.getByRole("group", { name: "Caption size" });
    const position = page.getByRole("group", { name: "Caption position" });
    expect(await size.getByRole("radio", { name: "Medium" }).isChecked()).toBe(true);
    expect(await position.getByRole("radio", { name: "Bottom of the video" }).isChecked()).toBe(true);

    const sizes: number[] = [];
    for (const [name, value] of [
      ["Small", "small"],
      ["Medium", "medium"],
      ["Large", "large"],
      ["Extra large", "xlarge"],
    ]) {
      // The radio itself is visually hidden inside its label, which takes the click.
      await size.getByText(name!, { exact: true }).click();
      await expect.poll(() => area.getAttribute("data-size")).toBe(value);
      sizes.push(await fontPx());
    }
    // Each size is larger than the one before.
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    expect(new Set(sizes).size).toBe(4);
    const atBottom = await top();
    await position.getByText("Top of the video", { exact: true }).click();
    await expect.poll(() => area.getAttribute("data-position")).toBe("top");
    expect(await top()).toBeLessThan(atBottom);
    await shot(page, "capux-xlarge-top-desktop");
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, "capux-settings-mobile");
    // Escape closes the panel (item 6).
    await page.keyboard.press("Escape");
    await shot(page, "capux-xlarge-top-mobile");
    await page.setViewportSize({ width: 1280, height: 800 });

    // The next join starts with them.
    await page.reload();
    await page.getByRole("button", { name: "Join", exact: true }).click();
    await fromMoreMenu(page, "menuitem", "Devices");
    await expect.poll(() => size.getByRole("radio", { name: "Extra large" }).isChecked()).toBe(true);
    expect(await position.getByRole("radio", { name: "Top of the video" }).isChecked()).toBe(true);
    expect(await area.getAttribute("data-size")).toBe("xlarge");
    expect(await area.getAttribute("data-position")).toBe("top");
    expect(await fontPx()).toBe(sizes.at(-1));
    await page.getByRole("button", { name: "Leave", exact: true }).click();
  });

  it("a session with captions off says so once: CC disabled with the reason, no promise, and after the call", async () => {
    const { slug } = await createSession(page, baseUrl, spaceId, {
      title: `Silent ${run}`,
      transcriptionEnabled: false,
    });
    const sockets = captionSockets(page);
    await joinWithMic(page, baseUrl, slug, true);
    const cc = page.getByTestId("captions-toggle");
    await expect.poll(() => cc.isDisabled()).toBe(true);
    expect(await describedBy(cc)).toBe("Captions are off for this session.");
    expect(await cc.getAttribute("title")).toBe("Captions are off for this session.");
    expect(await page.getByRole("button", { name: "Pause my captions" }).count()).toBe(0);

    await page.getByRole("button", { name: "Transcript", exact: true }).click();
    expect(await page.getByTestId("transcript-empty").textContent()).toBe(
      "Captions are off for this session.",
    );
    expect(await page.getByText("Captions appear here as people speak", { exact: false }).count()).toBe(0);
    // Said on the control and in the panel, not once more over the video; and nothing was asked of the ws server.
    expect(await page.getByTestId("captions-area").getByRole("status").count()).toBe(0);
    expect(sockets).toEqual([]);
    await shot(page, "capux-off-desktop");

    await page.getByRole("button", { name: "End for everyone", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "End session", exact: true }).click();
    await page.getByText("Captions were off — no transcript.", { exact: false }).waitFor();
    // The same on the ended session's page, served as such.
    await page.reload();
    await page.getByText("Captions were off — no transcript.", { exact: false }).waitFor();

    await page.goto(`${baseUrl}/s/${slug}/transcript`);
    expect(await page.getByTestId("captions-were-off").textContent()).toBe(
      "Captions were off — no transcript.",
    );
    expect(await page.getByRole("heading", { name: "Meeting analysis" }).count()).toBe(0);
    expect(await page.getByText("None found.").count()).toBe(0);
    expect(await page.getByText("Nothing was transcribed in this session.").count()).toBe(0);
    await shot(page, "capux-off-transcript-desktop");
  });

  it("a language the recognizer cannot do is not offered: CC says why, in the viewer's language", async () => {
    const ru = await newPage("ru-RU");
    await devSignIn(ru, baseUrl, host);
    // Made when the deployment could do it (a config change since): the row changed behind the form.
    const klingon = await createSession(ru, baseUrl, spaceId, { title: `Klingon ${run}` });
    await db
      .update(videoSessions)
      .set({ transcriptionLanguage: "tlh" })
      .where(eq(videoSessions.id, klingon.id));
    const sockets = captionSockets(ru);
    await ru.goto(`${baseUrl}/s/${klingon.slug}`);
    await ru.getByRole("button", { name: "Войти", exact: true }).click();
    const cc = ru.getByTestId("captions-toggle");
    await expect.poll(() => cc.isDisabled()).toBe(true);
    expect(await describedBy(cc)).toBe(
      "Субтитры на языке этой встречи недоступны: распознаватель речи на этом сервере его не понимает.",
    );
    expect(sockets).toEqual([]);
    await ru.context().close();
  });
});
