import type { Page, WebSocket as PageSocket } from "playwright-core";
import { expect } from "vitest";

/**
 * The call's transcript panel as a reader sees it, and the caption socket as the page uses it:
 * for the e2e tests of live captions.
 */

/** Every line on `page`'s transcript panel: who said it, the words, whether it is final. */
export const transcriptLines = (page: Page) =>
  page.getByRole("log", { name: "Transcript" }).evaluate((el) =>
    Array.from(el.querySelectorAll("li[data-caption-id]")).map((li) => ({
      speaker: li.getAttribute("data-speaker") ?? "",
      text: li.querySelector("[data-caption-text]")?.textContent ?? "",
      final: li.getAttribute("data-final") === "true",
    })),
  );

/** The final captions `name` said, as one line of text on `page`'s transcript. */
export const finalWords = async (page: Page, name: string) =>
  (await transcriptLines(page))
    .filter((l) => l.final && l.speaker === name)
    .map((l) => l.text)
    .join(" ");

/** Opens the transcript panel and counts its lines. */
export async function transcriptCount(page: Page) {
  await page.getByRole("button", { name: "Transcript", exact: true }).click();
  const log = page.getByRole("log", { name: "Transcript" });
  await log.waitFor();
  return log.locator("li[data-caption-id]").count();
}

/** Binary and text frames the page sends to the transcription server at `wsUrl`, in order. */
export function recordCaptionFrames(page: Page, wsUrl: string) {
  const frames: { binary: boolean; text: string; at: number }[] = [];
  page.on("websocket", (ws: PageSocket) => {
    if (!ws.url().startsWith(wsUrl)) return;
    ws.on("framesent", (f) => {
      const binary = typeof f.payload !== "string";
      frames.push({ binary, text: binary ? "" : (f.payload as string), at: Date.now() });
    });
  });
  return frames;
}

/**
 * In a window too short for the transcript, while lines keep coming for `forMs`: it follows the
 * newest line; reading back stops the auto-scroll, and new words offer "Jump to latest" instead of
 * pulling the reader down; the button takes the reader back and goes.
 */
export async function expectJumpToLatest(page: Page, forMs: number) {
  // (280 px: one speaker's lines are grouped under one name, so they take less room than they did.)
  await page.setViewportSize({ width: 1280, height: 280 });
  const log = page.getByRole("log", { name: "Transcript" });
  const scroll = () => log.evaluate((el) => ({ top: el.scrollTop, max: el.scrollHeight - el.clientHeight }));
  await expect.poll(async () => (await scroll()).max, { timeout: forMs, interval: 500 }).toBeGreaterThan(40);
  expect((await scroll()).top).toBeGreaterThanOrEqual((await scroll()).max - 32);
  await log.evaluate((el) => {
    el.scrollTop = 0;
    el.dispatchEvent(new Event("scroll"));
  });
  const jump = page.getByRole("button", { name: "Jump to latest" });
  await jump.waitFor({ timeout: forMs });
  expect((await scroll()).top).toBe(0);
  await jump.click();
  await expect
    .poll(
      async () => {
        const { top, max } = await scroll();
        return max - top;
      },
      { timeout: 5_000, interval: 500 },
    )
    .toBeLessThanOrEqual(32);
  await jump.waitFor({ state: "detached" });
  await page.setViewportSize({ width: 1280, height: 800 });
}
