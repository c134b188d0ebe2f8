/**
 * `npm run bench:captions`: caption latency in a real call — from the moment the speaker's page
 * receives a final from the ws server (the provider emitted it; the relay inside the ws server is
 * measured by bench:ws) to the frame in which the listener's page shows it over the video. Two
 * Chromium processes, the real LiveKit server, ws server, PocketSphinx and PostgreSQL, as in
 * tests/e2e/captions.test.ts. Both browsers run on this machine, so their clocks are one clock.
 *
 * Uses the e2e ports (LiveKit on 27880): run it under the e2e lock, as the npm script does.
 * Prints one JSON line of figures. BENCH_ROUNDS (3) repeats the five meeting sentences.
 */
import { randomBytes } from "node:crypto";
import os from "node:os";
import type { Page } from "playwright-core";
import { devSignIn, launchChromium } from "../../tests/support/browser";
import { startAuxServices } from "../../tests/support/e2e-services";
import { startAppServer } from "../../tests/support/next-server";
import { MEETING_SENTENCES, speechWav } from "../../tests/support/speech";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

// Plain strings, not functions: the page must not depend on how this file was transpiled.

/** Speaker: when each final arrives from the ws server (before the app's own handler runs). */
const RECORD_FINALS = `
  window.__finalsAt = {};
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (e) => {
        if (typeof e.data !== "string") return;
        const at = Date.now();
        try {
          const m = JSON.parse(e.data);
          if (m.type === "transcript" && m.isFinal && m.utteranceId) window.__finalsAt[m.utteranceId] ??= at;
        } catch {}
      });
    }
  };
`;

/** Listener: the first painted frame in which each final is on the caption overlay. */
const RECORD_SHOWN = `
  window.__shownAt = {};
  const seen = new Set();
  const check = () => {
    for (const el of document.querySelectorAll('[data-testid="captions-overlay"] [data-final="true"]')) {
      const id = el.getAttribute("data-caption-id");
      if (!id || seen.has(id)) continue;
      seen.add(id);
      requestAnimationFrame(() => (window.__shownAt[id] = Date.now()));
    }
  };
  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["data-final"],
  });
`;

type Stamps = Record<string, number>;

async function join(page: Page, baseUrl: string, slug: string, mic: boolean) {
  await page.goto(`${baseUrl}/s/${slug}`);
  const toggle = page.getByRole("switch", { name: "Microphone", exact: true });
  await toggle.waitFor();
  if (!mic) await toggle.click();
  await page.getByRole("button", { name: "Join", exact: true }).click();
  await page.getByRole("toolbar", { name: "Call controls" }).waitFor();
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main() {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin)
    throw new Error("TEST_DATABASE_URL is not set: run `npm run bench:captions` (scripts/bench.sh)");
  const sentences = Array.from({ length: ROUNDS }, () => MEETING_SENTENCES).flat();
  const wav = speechWav({ sentences, sampleRate: 48_000, leadingSilenceMs: 2500, trailingSilenceMs: 1500 });
  const server = await startAppServer({
    admin,
    dbPrefix: "rooms_bench",
    env: { TRUSTED_PROXIES: "127.0.0.1" },
    services: (baseUrl) => startAuxServices(baseUrl),
  });
  const browsers = await Promise.all([
    launchChromium([
      `--use-file-for-fake-audio-capture=${wav.path}%noloop`,
      "--autoplay-policy=no-user-gesture-required",
    ]),
    launchChromium(["--autoplay-policy=no-user-gesture-required"]),
  ]);
  try {
    const run = randomBytes(3).toString("hex");
    const pages = await Promise.all(
      browsers.map(async (browser, i) => {
        const context = await browser.newContext({
          locale: "en-US",
          viewport: { width: 1280, height: 800 },
          extraHTTPHeaders: { "x-forwarded-for": `10.79.0.${i + 1}` },
        });
        await context.addInitScript(() => localStorage.setItem("rooms:voice-processing", "off"));
        await context.addInitScript({ content: i === 0 ? RECORD_FINALS : RECORD_SHOWN });
        const page = await context.newPage();
        page.setDefaultTimeout(60_000);
        return page;
      }),
    );
    const [speaker, listener] = pages as [Page, Page];
    const listenerUser = { name: "Lena Listener", email: `lena-${run}@bench.test` };
    await devSignIn(listener, server.baseUrl, listenerUser);
    await devSignIn(speaker, server.baseUrl, { name: "Sam Speaker", email: `sam-${run}@bench.test` });
    const space = await speaker.request.post(`${server.baseUrl}/api/spaces`, { data: { name: "Bench" } });
    const spaceId = (await space.json()).space.id as string;
    await speaker.request.post(`${server.baseUrl}/api/spaces/${spaceId}/members`, {
      data: { email: listenerUser.email },
    });
    const created = await speaker.request.post(`${server.baseUrl}/api/spaces/${spaceId}/sessions`, {
      data: { title: "Caption latency", transcriptionLanguage: "en" },
    });
    const slug = (await created.json()).session.slug as string;

    await join(listener, server.baseUrl, slug, false);
    await join(speaker, server.baseUrl, slug, true);
    // The recording plays once; then give the last utterance time to end and travel.
    await speaker.waitForTimeout(wav.durationMs + 5000);

    const finals = await speaker.evaluate(() => (window as unknown as { __finalsAt: Stamps }).__finalsAt);
    const shown = await listener.evaluate(() => (window as unknown as { __shownAt: Stamps }).__shownAt);
    const latencies = Object.entries(finals)
      .filter(([id]) => shown[id] !== undefined)
      .map(([id, at]) => shown[id]! - at)
      .sort((a, b) => a - b);
    if (latencies.length === 0) throw new Error("no final reached the listener's screen");
    console.log(
      JSON.stringify({
        bench: "captions",
        audioSeconds: Math.round(wav.durationMs / 100) / 10,
        finalsFromServer: Object.keys(finals).length,
        finalsOnListenerScreen: latencies.length,
        latencyMs: {
          p50: percentile(latencies, 50),
          p95: percentile(latencies, 95),
          min: latencies[0],
          max: latencies.at(-1),
        },
        cpus: os.cpus().length,
      }),
    );
  } finally {
    await Promise.all(browsers.map((b) => b.close().catch(() => {})));
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
