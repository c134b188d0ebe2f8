import type { Browser, Page } from "playwright-core";
import { launchChromium } from "./browser";

/**
 * Browser pages for calls with several people, each in a Chromium process of its own (the fake
 * microphone file is a process-wide flag): voice processing off, when each microphone opens
 * recorded (its file starts playing then), and caption sockets that a test can send to another ws
 * instance than the one the app hands out.
 */

/** localStorage key: when set, caption sockets go to this ws URL instead (read at page load). */
export const CAPTION_WS_REDIRECT_KEY = "rooms-test:caption-ws";

type MicOpened = { asked: number; got: number };

/** A final line on a transcript panel and when it became final there (page clock, ms). */
export type TimedFinal = { id: string; speaker: string; text: string; at: number };

/**
 * Runs in the page before the app: notes when each caption line first shows as final, so that a
 * benchmark can measure caption lag from the page (a line turns final in place, or arrives final).
 */
function finalTimesHook() {
  const w = window as unknown as { __finalAt: Record<string, number> };
  w.__finalAt = {};
  new MutationObserver(() => {
    for (const li of document.querySelectorAll('li[data-caption-id][data-final="true"]')) {
      const id = li.getAttribute("data-caption-id")!;
      w.__finalAt[id] ??= Date.now();
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-final"] });
}

/** Runs in the page before the app. */
function micHooks(opts: { voiceProcessing: boolean }) {
  // A recording needs no echo cancellation or noise suppression; they would only colour it. The
  // stress e2e keeps the app's default, as people use it.
  if (!opts.voiceProcessing) localStorage.setItem("rooms:voice-processing", "off");
  const w = window as unknown as { __micOpenedAt: MicOpened[] };
  w.__micOpenedAt = [];
  const media = navigator.mediaDevices;
  const getUserMedia = media.getUserMedia.bind(media);
  media.getUserMedia = async (constraints) => {
    const asked = Date.now();
    const stream = await getUserMedia(constraints);
    if (constraints?.audio) w.__micOpenedAt.push({ asked, got: Date.now() });
    return stream;
  };
}

/**
 * Runs in the page before the app: caption sockets to `from` go to the ws URL stored under `key`
 * instead, when one is stored.
 */
export function redirectCaptionSockets(args: { from: string; key: string }) {
  const target = localStorage.getItem(args.key);
  if (!target) return;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      const u = String(url);
      super(u.startsWith(args.from) ? target + u.slice(args.from.length) : u, protocols);
    }
  };
}

/**
 * A page in a new Chromium whose microphone plays `wav` once (`%noloop`). `captionWsUrl` is the ws
 * instance the app hands out, which CAPTION_WS_REDIRECT_KEY replaces; the context bypasses the
 * CSP, which lists only that instance.
 */
export async function launchCallPage(opts: {
  wav: string;
  captionWsUrl: string;
  forwardedFor: string;
  /** Keep the app's default audio processing (echo cancellation, noise suppression); default off. */
  voiceProcessing?: boolean;
}): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchChromium([
    `--use-file-for-fake-audio-capture=${opts.wav}%noloop`,
    "--autoplay-policy=no-user-gesture-required",
  ]);
  const context = await browser.newContext({
    locale: "en-US",
    viewport: { width: 1100, height: 760 },
    extraHTTPHeaders: { "x-forwarded-for": opts.forwardedFor },
    bypassCSP: true,
  });
  await context.addInitScript(micHooks, { voiceProcessing: opts.voiceProcessing ?? false });
  await context.addInitScript(finalTimesHook);
  await context.addInitScript(redirectCaptionSockets, {
    from: opts.captionWsUrl,
    key: CAPTION_WS_REDIRECT_KEY,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return { browser, page };
}

/** Sends this page's caption sockets to `url` from its next load on (null: the app's own). */
export const redirectCaptions = (page: Page, url: string | null) =>
  page.evaluate(([key, to]) => (to ? localStorage.setItem(key, to) : localStorage.removeItem(key)), [
    CAPTION_WS_REDIRECT_KEY,
    url,
  ] as const);

/**
 * Joins with the microphone off (the camera too unless `camera`) and opens the transcript panel;
 * resolves once a caption socket (a URL starting with one of `captionWsUrls`) is ready, with the
 * time its first audio chunk left the page (0 until then), when caption sockets got `ready` and how
 * many closed since.
 */
export async function joinMuted(
  page: Page,
  url: string,
  captionWsUrls: string[],
  opts: { camera?: boolean } = {},
) {
  const audio = { firstAt: 0, readies: 0, closes: 0, readyAt: [] as number[] };
  const ready = new Promise<void>((resolve) =>
    page.on("websocket", (ws) => {
      // LiveKit's signalling socket sends binary frames too.
      if (!captionWsUrls.some((u) => ws.url().startsWith(u))) return;
      ws.on("framereceived", (f) => {
        if (typeof f.payload === "string" && f.payload.includes('"type":"ready"')) {
          audio.readies++;
          audio.readyAt.push(Date.now());
          resolve();
        }
      });
      ws.on("close", () => audio.closes++);
      ws.on("framesent", (f) => {
        if (typeof f.payload !== "string") audio.firstAt ||= Date.now();
      });
    }),
  );
  await page.goto(url);
  for (const [name, on] of [
    ["Microphone", false],
    ["Camera", opts.camera ?? false],
  ] as const) {
    const toggle = page.getByRole("switch", { name, exact: true });
    await toggle.waitFor();
    if ((await toggle.getAttribute("aria-checked")) !== String(on)) await toggle.click();
  }
  await page.getByRole("button", { name: "Join", exact: true }).click();
  await page.getByRole("toolbar", { name: "Call controls" }).waitFor();
  await page.getByRole("button", { name: "Transcript", exact: true }).click();
  await ready;
  return audio;
}

/**
 * The first microphone opened since `since` (the file starts between asking and getting it); a
 * later getUserMedia on the same device shares its source and does not restart the file.
 */
export async function micOpenedSince(page: Page, since: number, timeoutMs = 15_000): Promise<MicOpened> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const opened = await page.evaluate(
      () => (window as unknown as { __micOpenedAt: MicOpened[] }).__micOpenedAt,
    );
    const mine = opened.find((m) => m.asked >= since);
    if (mine) return mine;
    if (Date.now() > deadline) throw new Error(`no microphone opened within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Final lines on this page's transcript panel in order, each with when it turned final. */
export const timedFinalsOnScreen = (page: Page): Promise<TimedFinal[]> =>
  page.getByRole("log", { name: "Transcript" }).evaluate((el) => {
    const finalAt = (window as unknown as { __finalAt: Record<string, number> }).__finalAt;
    return [...el.querySelectorAll('li[data-caption-id][data-final="true"]')].map((li) => ({
      id: li.getAttribute("data-caption-id")!,
      speaker: li.getAttribute("data-speaker") ?? "",
      text: li.querySelector("[data-caption-text]")?.textContent ?? "",
      at: finalAt[li.getAttribute("data-caption-id")!] ?? Date.now(),
    }));
  });

/**
 * Each page's final lines once no page's transcript changed for `quietMs` (at most `maxMs`): a
 * call's last finals arrive after its microphones went off.
 */
export async function finalsWhenSettled(pages: Page[], quietMs: number, maxMs: number) {
  let last = "";
  let lines: TimedFinal[][] = [];
  for (let stable = 0, waited = 0; stable < quietMs && waited < maxMs; waited += 1_000) {
    lines = await Promise.all(pages.map(timedFinalsOnScreen));
    const now = JSON.stringify(lines);
    stable = now === last ? stable + 1_000 : 0;
    last = now;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  return lines;
}
