import { randomBytes, randomInt } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "../../src/lib/db/client";
import { videoSessions } from "../../src/lib/db/schema/sessions";
import { transcriptionUsage } from "../../src/lib/db/schema/transcription";
import { devSignIn, launchChromium } from "../support/browser";
import { scriptedCall } from "../support/call-script";
import { normalizeWords, wordRecall } from "../support/speech";
import { spawnWsServer, type WsProcess } from "../support/ws-process";

/**
 * Issue 8's scripted 5-person call: five Chromium processes, each with its own fake microphone
 * playing that person's WAV (their speech only in their turns, a low noise floor elsewhere, one
 * speaker at a time, nobody speaking for 30 % of the call), join one call on the real LiveKit
 * server with captions through the real ws server and PocketSphinx. The same script runs twice:
 * through the ws server the app points at (speech gate on, the default) and through a second ws
 * process with STT_GATING=off. Billed STT seconds ÷ call seconds must be ≤ 0.8 gated and ≥ 4.5
 * ungated (every microphone billed all the time: 5.0), and the words the listeners' screens show
 * gated must be ≥ 95 % of what they show ungated. Figures go to the console and to
 * `$CALL_RESULTS_DIR/scripted-call.json` (default test-results/), which `npm run bench:call` reads.
 */

const baseUrl = inject("baseUrl");
const transcription = inject("transcription");
const run = randomBytes(3).toString("hex");
const net = `10.81.${randomInt(256)}`;
const NAMES = ["Ada Host", "Ben Brook", "Cleo Cross", "Dev Dale", "Eve Ember"];
const people = NAMES.map((name) => ({
  name,
  email: `${name.split(" ")[0]!.toLowerCase()}-${run}@example.test`,
}));
const call = scriptedCall({ people: people.length });
const RESULTS_DIR = path.resolve(process.env.CALL_RESULTS_DIR ?? "test-results");
/** Redirects this page's caption sockets to another ws instance (the ungated one). */
const REDIRECT_KEY = "rooms-test:caption-ws";

const { db, pool } = createDb(inject("databaseUrl"), 2);
const browsers: Browser[] = [];
let ungated: WsProcess;

type Person = { page: Page; context: BrowserContext; name: string };

/**
 * Runs in every page before the app: voice processing off (a recording needs none), the moments
 * the microphone opens (the fake microphone's file starts playing then), and, when the test set a
 * target, caption sockets sent to that ws instance instead of the one the app was given.
 */
function pageHooks(args: { from: string; key: string }) {
  localStorage.setItem("rooms:voice-processing", "off");
  const w = window as unknown as { __micOpenedAt: { asked: number; got: number }[] };
  w.__micOpenedAt = [];
  const media = navigator.mediaDevices;
  const getUserMedia = media.getUserMedia.bind(media);
  media.getUserMedia = async (constraints) => {
    const asked = Date.now();
    const stream = await getUserMedia(constraints);
    if (constraints?.audio) w.__micOpenedAt.push({ asked, got: Date.now() });
    return stream;
  };
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

async function personPage(wav: string, n: number): Promise<Person> {
  const browser = await launchChromium([
    `--use-file-for-fake-audio-capture=${wav}%noloop`,
    "--autoplay-policy=no-user-gesture-required",
  ]);
  browsers.push(browser);
  const context = await browser.newContext({
    locale: "en-US",
    viewport: { width: 1100, height: 760 },
    extraHTTPHeaders: { "x-forwarded-for": `${net}.${n + 1}` },
    // The ungated run's caption sockets go to a ws instance the app's CSP does not list.
    bypassCSP: true,
  });
  await context.addInitScript(pageHooks, { from: transcription.url, key: REDIRECT_KEY });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return { page, context, name: people[n]!.name };
}

/**
 * Joins with microphone and camera off; resolves once the caption socket is ready, with a record
 * of when its first audio chunk leaves the page.
 */
async function join(p: Person, slug: string) {
  const audio = { firstAt: 0 };
  const ready = new Promise<void>((resolve) =>
    p.page.on("websocket", (ws) => {
      // LiveKit's signalling socket sends binary frames too.
      if (!ws.url().startsWith(transcription.url) && !ws.url().startsWith(ungated.url)) return;
      ws.on("framereceived", (f) => {
        if (typeof f.payload === "string" && f.payload.includes('"type":"ready"')) resolve();
      });
      ws.on("framesent", (f) => {
        if (typeof f.payload !== "string") audio.firstAt ||= Date.now();
      });
    }),
  );
  await p.page.goto(`${baseUrl}/s/${slug}`);
  for (const name of ["Microphone", "Camera"]) {
    const toggle = p.page.getByRole("switch", { name, exact: true });
    await toggle.waitFor();
    if ((await toggle.getAttribute("aria-checked")) !== "false") await toggle.click();
  }
  await p.page.getByRole("button", { name: "Join", exact: true }).click();
  await p.page.getByRole("toolbar", { name: "Call controls" }).waitFor();
  await p.page.getByRole("button", { name: "Transcript", exact: true }).click();
  await ready;
  return audio;
}

/** Final lines on this page's transcript panel, by speaker name. */
const finalsOnScreen = (page: Page) =>
  page.getByRole("log", { name: "Transcript" }).evaluate((el) => {
    const out: Record<string, string[]> = {};
    for (const li of el.querySelectorAll('li[data-caption-id][data-final="true"]')) {
      const speaker = li.querySelector("span")?.textContent ?? "";
      (out[speaker] ??= []).push(li.querySelectorAll("p")[1]?.textContent ?? "");
    }
    return out;
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type RunResult = {
  gating: "on" | "off";
  callSeconds: number;
  billedSeconds: number;
  receivedSeconds: number;
  billedPerCallSecond: number;
  /** Reference words found on the listeners' screens, over every (listener, other speaker) pair. */
  wordsOnScreens: number;
  referenceWords: number;
  recall: number;
  worstPairRecall: number;
  /** Spread of the five microphones' start times (their files start playing then). */
  micSkewMs: number;
  /** Longest time from a microphone opening to its first audio chunk on the caption socket. */
  captureDelayMs: number;
  usageRows: number;
};

async function runCall(persons: Person[], gating: "on" | "off"): Promise<RunResult> {
  const host = persons[0]!.page;
  const created = await host.request.post(`${baseUrl}/api/spaces/${spaceId}/sessions`, {
    data: { title: `Scripted call ${gating} ${run}`, transcriptionLanguage: "en" },
  });
  expect(created.status()).toBe(201);
  const { slug } = (await created.json()).session as { slug: string };
  const [session] = await db.select().from(videoSessions).where(eq(videoSessions.slug, slug));

  const audio: { firstAt: number }[] = [];
  for (const p of persons) {
    await p.page.evaluate(
      ([key, url]) => (url ? localStorage.setItem(key, url) : localStorage.removeItem(key)),
      [REDIRECT_KEY, gating === "off" ? ungated.url : ""] as const,
    );
    audio.push(await join(p, slug));
  }

  // Every microphone opens at once: each fake microphone starts its file when it opens.
  const clickedAt = Date.now();
  await Promise.all(
    persons.map((p) => p.page.getByRole("button", { name: "Microphone", exact: true }).click()),
  );
  // The microphone the click opened (the file starts between asking and getting it); any later
  // getUserMedia on the same device shares its source and does not restart the file.
  const opened = await Promise.all(
    persons.map(async (p) => {
      const mine = async () =>
        (
          await p.page.evaluate(
            () => (window as unknown as { __micOpenedAt: { asked: number; got: number }[] }).__micOpenedAt,
          )
        ).filter((m) => m.asked >= clickedAt);
      await expect.poll(async () => (await mine()).length, { timeout: 15_000 }).toBeGreaterThan(0);
      return (await mine())[0]!;
    }),
  );
  const openedAt = opened.map((m) => m.got);
  const micSkewMs = Math.max(...openedAt) - Math.min(...openedAt);
  await expect.poll(() => audio.every((a) => a.firstAt > 0), { timeout: 15_000 }).toBe(true);
  const captureDelayMs = Math.max(...audio.map((a, i) => a.firstAt - opened[i]!.asked));

  // The microphones go off as their files end (after that Chromium feeds digital silence, which
  // an ungated stream would bill too); the connections stay for the last finals.
  await sleep(Math.max(0, Math.max(...openedAt) + call.durationMs + 300 - Date.now()));
  await Promise.all(
    persons.map((p) => p.page.getByRole("button", { name: "Microphone", exact: true }).click()),
  );

  // The last finals: wait until no page's transcript changed for 5 s (at most 40 s).
  let last = "";
  for (let stable = 0, waited = 0; stable < 5_000 && waited < 40_000; waited += 1_000) {
    const now = JSON.stringify(await Promise.all(persons.map((p) => finalsOnScreen(p.page))));
    stable = now === last ? stable + 1_000 : 0;
    last = now;
    await sleep(1_000);
  }
  const screens = JSON.parse(last) as Record<string, string[]>[];

  let hits = 0;
  let referenceWords = 0;
  let worstPairRecall = 1;
  persons.forEach((listener, l) =>
    persons.forEach((speaker, s) => {
      if (l === s) return;
      const reference = call.texts[s]!;
      const recall = wordRecall(reference, (screens[l]![speaker.name] ?? []).join(" "));
      const words = normalizeWords(reference).length;
      hits += recall * words;
      referenceWords += words;
      worstPairRecall = Math.min(worstPairRecall, recall);
      void listener;
    }),
  );

  // Leaving ends every stream: the ws servers write their final metering then.
  for (const p of persons) {
    await p.page.getByRole("button", { name: "Leave", exact: true }).click();
    await p.page.getByRole("heading", { name: "You left the session" }).waitFor();
  }
  const usage = async () => {
    const rows = await db
      .select()
      .from(transcriptionUsage)
      .where(eq(transcriptionUsage.videoSessionId, session!.id));
    return {
      rows: rows.length,
      billed: rows.reduce((n, r) => n + Number(r.billedSeconds), 0),
      received: rows.reduce((n, r) => n + Number(r.audioSeconds), 0),
    };
  };
  let totals = await usage();
  for (let waited = 0; waited < 20_000; waited += 2_000) {
    await sleep(2_000);
    const next = await usage();
    if (next.rows >= persons.length && next.billed === totals.billed && next.received === totals.received) {
      break;
    }
    totals = next;
  }

  const callSeconds = call.durationMs / 1000;
  return {
    gating,
    callSeconds,
    billedSeconds: totals.billed,
    receivedSeconds: totals.received,
    billedPerCallSecond: totals.billed / callSeconds,
    wordsOnScreens: Math.round(hits),
    referenceWords,
    recall: hits / referenceWords,
    worstPairRecall,
    micSkewMs,
    captureDelayMs,
    usageRows: totals.rows,
  };
}

let spaceId: string;
let persons: Person[];

describe("scripted 5-person call: billed STT seconds and words on screens, gated vs ungated", () => {
  beforeAll(async () => {
    ungated = await spawnWsServer({
      databaseUrl: inject("databaseUrl"),
      secret: transcription.secret,
      logFile: path.join(os.tmpdir(), `rooms-e2e-ws-ungated-${run}.log`),
      env: { STT_GATING: "off" },
    });
    persons = [];
    // Members sign in first: only an existing user can be added to the space.
    for (let n = people.length - 1; n >= 0; n--) {
      const p = await personPage(call.wavs[n]!, n);
      await devSignIn(p.page, baseUrl, people[n]!);
      persons.unshift(p);
    }
    const host = persons[0]!.page;
    const space = await host.request.post(`${baseUrl}/api/spaces`, { data: { name: `Scripted ${run}` } });
    expect(space.status()).toBe(201);
    spaceId = (await space.json()).space.id;
    for (const member of people.slice(1)) {
      const added = await host.request.post(`${baseUrl}/api/spaces/${spaceId}/members`, {
        data: { email: member.email },
      });
      expect(added.status()).toBe(201);
    }
  });

  afterAll(async () => {
    for (const b of browsers) await b.close().catch(() => {});
    await ungated?.stop(15_000);
    await pool.end();
  });

  it("bills ≤ 0.8 × the call gated (≥ 4.5 × ungated) and shows ≥ 95 % of the ungated words", async () => {
    const on = await runCall(persons, "on");
    const off = await runCall(persons, "off");
    const wordsVsUngated = on.recall / off.recall;
    const results = {
      date: new Date().toISOString(),
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, load ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
      call: {
        seconds: call.durationMs / 1000,
        speechSeconds: call.speechMs / 1000,
        silentShare: call.silentShare,
        people: people.length,
        turns: call.turns.length,
        leadInSeconds: call.leadInMs / 1000,
        gapSeconds: call.gapMs / 1000,
      },
      on,
      off,
      wordsVsUngated,
    };
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(path.join(RESULTS_DIR, "scripted-call.json"), JSON.stringify(results, null, 2) + "\n");
    for (const r of [on, off]) {
      console.log(
        `[scripted-call] gating ${r.gating}: billed ${r.billedSeconds.toFixed(1)} s ÷ call ` +
          `${r.callSeconds.toFixed(1)} s = ${r.billedPerCallSecond.toFixed(2)} (received ` +
          `${r.receivedSeconds.toFixed(1)} s, ${r.usageRows} streams); words on listeners' screens ` +
          `${r.wordsOnScreens}/${r.referenceWords} = ${(r.recall * 100).toFixed(1)} % (worst pair ` +
          `${(r.worstPairRecall * 100).toFixed(0)} %); microphones started within ${r.micSkewMs} ms, ` +
          `audio on the caption socket ≤ ${r.captureDelayMs} ms after`,
      );
    }
    console.log(`[scripted-call] words gated ÷ ungated: ${(wordsVsUngated * 100).toFixed(1)} %`);

    // The script: one speaker at a time, nobody speaking for 30 % of the call. The files start
    // within less than a gap of each other (no turns overlap), and each page's audio reaches its
    // caption socket before the first words.
    expect(call.silentShare).toBeGreaterThanOrEqual(0.3);
    for (const r of [on, off]) {
      expect(r.micSkewMs).toBeLessThan(call.gapMs);
      expect(r.captureDelayMs).toBeLessThan(call.leadInMs);
    }
    expect(on.billedPerCallSecond).toBeLessThanOrEqual(0.8);
    expect(off.billedPerCallSecond).toBeGreaterThanOrEqual(4.5);
    expect(off.recall).toBeGreaterThan(0.5);
    expect(wordsVsUngated).toBeGreaterThanOrEqual(0.95);
  }, 600_000);
});
