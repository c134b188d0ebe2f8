import { randomInt } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "./browser";
import type { SpeechWav } from "./speech";

/**
 * People in a recorded call, for the recording e2e tests: one Chromium process each (the fake
 * microphone file is a process-wide flag), the microphone looping its speech so they keep talking
 * through the recording.
 */
export function recordingCallPeople(baseUrl: string) {
  const browsers: Browser[] = [];
  const net = `10.81.${randomInt(256)}`;
  let clientNo = 0;
  const shots = process.env.E2E_SCREENSHOT_DIR;

  return {
    async page(wav: SpeechWav): Promise<Page> {
      const browser = await launchChromium([
        `--use-file-for-fake-audio-capture=${wav.path}`,
        "--autoplay-policy=no-user-gesture-required",
      ]);
      browsers.push(browser);
      const context = await browser.newContext({
        locale: "en-US",
        viewport: { width: 1280, height: 800 },
        extraHTTPHeaders: { "x-forwarded-for": `${net}.${++clientNo}` },
      });
      // The fake microphone plays a recording: the browser's voice processing would only colour it.
      await context.addInitScript(() => localStorage.setItem("rooms:voice-processing", "off"));
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      return page;
    },
    async openPreJoin(page: Page, slug: string) {
      await page.goto(`${baseUrl}/s/${slug}`);
      await page.getByRole("button", { name: "Join", exact: true }).waitFor();
    },
    async shot(page: Page, name: string) {
      if (!shots) return;
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: path.join(shots, `${name}.png`) });
    },
    async close() {
      for (const b of browsers) await b.close().catch(() => {});
    },
  };
}

export async function joinCall(page: Page) {
  await page.getByRole("button", { name: "Join", exact: true }).click();
  await page.getByRole("toolbar", { name: "Call controls" }).waitFor();
}

/** The red badge every participant sees while the recorder records. */
export const recordingIndicator = (page: Page) =>
  page.locator('[data-testid="recording-indicator"][data-status="RECORDING"]');

/**
 * The pid of the local recorder of one recording (the web server started it detached, with
 * `--recording <id>` in its arguments), or null: found by that unique id, never by name alone.
 */
export function recorderPid(recordingId: string): number | null {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
    } catch {
      continue; // gone meanwhile
    }
    const at = args.indexOf("--recording");
    if (at !== -1 && args[at + 1] === recordingId && args.some((a) => a.endsWith("recorder/main.ts")))
      return Number(entry);
  }
  return null;
}
