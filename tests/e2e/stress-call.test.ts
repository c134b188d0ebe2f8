import { randomBytes, randomInt } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import type { Pool } from "pg";
import { createDb, type Db } from "@/lib/db/client";
import { devSignIn } from "../support/browser";
import { createSession, spaceOfEveryone } from "../support/call-people";
import { captionLagSamples, startStress } from "../support/call-figures";
import {
  joinMuted,
  launchCallPage,
  micOpenedSince,
  redirectCaptions,
  finalsWhenSettled,
  type TimedFinal,
} from "../support/call-pages";
import { scriptedCall, type ScriptedCall } from "../support/call-script";
import { recognizeAlone } from "../support/recognizer-alone";
import {
  healthHistoryHook,
  metric,
  pcm16k,
  receivedStreams,
  aloneOnStreams,
  settledUsage,
  speakerWords,
  storedFinals,
  turnWindow,
  turnsOutside,
  type HealthSeen,
} from "../support/stress-call";
import {
  expectStressCallHeld,
  stressFigures,
  withFigures,
  type StressOutcome,
} from "../support/stress-call-checks";
import { clearFaults, resetUntil, stallUpstream, startToxiproxy, type Toxiproxy } from "../support/toxiproxy";
import { describePriority, spawnWsServer, type WsProcess } from "../support/ws-process";

/**
 * Issue 15 "must show": the scripted 5-person call (call-script.ts) as people use it — cameras on,
 * the app's default audio processing, each person's own speech WAV on their fake microphone (the
 * listeners' microphones stay on, playing their room's noise floor) — while stress-ng loads both
 * cores, through a ws process at the DEFAULT lag bound (5 s, not the 30 s of the other browser
 * tests) and with Toxiproxy between the browsers and that ws process.
 *
 * The contention is the participants': in a real call they are other machines, here they share
 * two cores with the server. So the ws process and its PocketSphinx workers run at nice -10 in a
 * scheduler autogroup of their own (ws-process.ts says why both); without it the recognizer fell
 * behind and finals reached the screens 4–37 s late (docs/benchmarks.md, "Stress call"). The
 * browsers still lose audio to the load before sending it; that loss is reported against the WAVs.
 *
 * The proxy: one Toxiproxy proxy per browser, all to the same ws process. The app hands every page
 * the same caption URL (TRANSCRIPTION_WS_URL); each page's caption sockets are pointed at its own
 * proxy's port (call-pages.ts redirectCaptions, the same switch scripted-call uses to reach other ws
 * processes), so the faults are real TCP faults on one person's connection only: Toxiproxy's
 * toxics act on a proxy's every connection, and a per-connection toxicity would not pick a person.
 * - Stall (Ben, in his first turn): everything he sends is held 10 s, then goes at once.
 * - Reset (Dev, in his first turn): a TCP RST, lifted as soon as his caption socket closed, so the
 *   client's reconnect goes through (toxiproxy.ts stallUpstream, resetUntil).
 *
 * What must hold, and why: stress-call-checks.ts.
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
      spaceId = await spaceOfEveryone(
        pages,
        people.map((p) => p.email),
        baseUrl,
        `Stress ${run}`,
      );
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
      for (const n of [STALLED, RESET]) await clearFaults(toxiproxy, proxyName(n));
      const session = await createSession(host, baseUrl, spaceId, { title: `Stress call ${run}` });
      const slug = session.slug;

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
        const { at: stallAt, end: stallEnd } = await stallUpstream(toxiproxy, proxyName(STALLED), STALL_MS);

        const resetTurn = call.turns[RESET]!;
        await sleep(Math.max(0, turnWindow(resetTurn, micAt)[0]! + 2_000 - Date.now()));
        const closesBefore = audio[RESET]!.closes;
        // reset_peer resets his connection at once (and any new one while it is on).
        const resetAt = await resetUntil(toxiproxy, proxyName(RESET), () =>
          expect
            .poll(() => audio[RESET]!.closes, { timeout: 30_000, interval: 100 })
            .toBeGreaterThan(closesBefore),
        );

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
        const listeners = await finalsWhenSettled(pages.slice(1), 10_000, 90_000);
        await stopStress();

        for (const page of pages) {
          await page.getByRole("button", { name: "Leave", exact: true }).click();
          await page.getByRole("heading", { name: "You left the session" }).waitFor();
        }
        // Every stream's last metering (written at its close), the stored finals, and what the ws
        // process received from each speaker (all their streams).
        const usage = await settledUsage(db, session.id, pages.length);
        // The server's own share of the lag, every final (fault windows included): audio arrival → sent.
        const after = await counters();
        const stored = await storedFinals(db, session.id);
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
        const samples = captionLagSamples(calm, NAMES, micAt, screens);
        const slowestLags = [...samples]
          .sort((a, b) => b.ms - a.ms)
          .slice(0, 3)
          .map(
            (x) =>
              `${NAMES[x.speaker]} → ${NAMES[x.listener]} ${x.ms} ms (turn end at ${micAt[x.speaker]! + calm[x.turn]!.endMs - micAt[0]!} ms)`,
          );

        const rows = speakerWords({
          texts: call.texts,
          names: NAMES,
          stored,
          receivedPcm,
          aloneOnReceived,
          aloneOnWav,
          usage,
        });
        const outcome: StressOutcome = {
          names: NAMES,
          stalled: STALLED,
          boundMs: BOUND_MS,
          screenBudgetMs: SCREEN_BUDGET_MS,
          callSeconds: call.durationMs / 1000,
          history: await health(),
          liveBeforeMute,
          stallAt,
          stallEnd,
          resetAt,
          resetEnd,
          rows,
          storedIds: stored.map((s) => s.id),
          listeners,
          lags: samples.map((x) => x.ms),
          slowestLags,
          usage,
          server: {
            finals: after.finals - before.finals,
            within: after.within - before.within,
            dropped: after.dropped - before.dropped,
          },
        };
        const about =
          `stress-ng ${STRESS}; ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}; ` +
          `ws process ${describePriority(ws.child.pid)}`;
        const figures = stressFigures(outcome, about, micAt[0]!);
        for (const line of figures) console.log(line);
        withFigures(figures, () => expectStressCallHeld(outcome));
      } finally {
        await stopStress();
      }
    }, 600_000);
  },
);
