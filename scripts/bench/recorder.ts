/**
 * The local recorder's cost (`npm run bench:recorder`): a 3-person call on a local livekit-server —
 * three `@livekit/rtc-node` participants, each publishing a speech WAV and a 640×360 15 fps camera
 * — recorded for 30 s by the recorder's own code (`runRecorder`: room feed, canvas, mix, gst-launch
 * encoder) in a child process. Prints that process's and its gst-launch child's CPU (% of one core)
 * and peak resident memory, and the file's duration against the wall clock.
 *
 * The child reports its events to stdout and is stopped by its clock instead of a database row:
 * the recorder's two small queries a second are all it leaves out.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { RoomServiceClient } from "livekit-server-sdk";
import { loadRecorderEnv } from "../../recorder/env";
import { runRecorder } from "../../recorder/run-recorder";
import { createLogger } from "../../src/lib/logger";
import { startPublisher } from "../../tests/support/rtc-publisher";
import { MEETING_SENTENCES, speechWav } from "../../tests/support/speech";
import { startLiveKitDevServer } from "../livekit-dev-server";

const RECORD_S = Number(process.env.BENCH_RECORD_SECONDS ?? 30);
const PEOPLE = 3;

if (process.argv[2] === "--child") {
  // The recorder under measurement: stops itself after RECORD_S seconds of recording.
  const [, , , room, dataDir, url, key, secret] = process.argv;
  const env = loadRecorderEnv({
    ...process.env,
    DATABASE_URL: "postgres://unused",
    DATA_DIR: dataDir,
    LIVEKIT_URL: url,
    LIVEKIT_API_KEY: key,
    LIVEKIT_API_SECRET: secret,
    LOG_LEVEL: "warn",
  });
  let startedAt = 0;
  const code = await runRecorder(
    { recordingId: "bench", roomName: room!, runId: "bench-run" },
    {
      env,
      log: createLogger("recorder", "warn"),
      shutdown: new AbortController().signal,
      report: async (e) => {
        if (e.type === "started") startedAt = Date.now();
        console.log(JSON.stringify(e));
      },
      control: async () => ({
        status: "RECORDING",
        stopRequested: startedAt > 0 && Date.now() - startedAt >= RECORD_S * 1000,
        sessionEnded: false,
      }),
    },
  );
  process.exit(code);
}

const ticks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }));
const cpuTicks = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return Number(f[11]) + Number(f[12]); // utime + stime
};
const rssKb = (pid: number) =>
  Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
const childrenOf = (pid: number): number[] =>
  readdirSync(`/proc/${pid}/task`).flatMap((t) =>
    readFileSync(`/proc/${pid}/task/${t}/children`, "utf8").split(" ").filter(Boolean).map(Number),
  );

const lk = await startLiveKitDevServer({
  port: 17990,
  apiKey: "benchkey",
  apiSecret: "bench-secret-0123456789abcdef0123456789",
  logLevel: "warn",
});
const dataDir = mkdtempSync(path.join(os.tmpdir(), "rooms-bench-recorder-"));
try {
  const room = "bench-recorder";
  await new RoomServiceClient(lk.url.replace(/^ws/, "http"), lk.apiKey, lk.apiSecret).createRoom({
    name: room,
    emptyTimeout: 120,
  });
  const wav = speechWav({ sentences: MEETING_SENTENCES, sampleRate: 48_000 });
  const publishers = await Promise.all(
    Array.from({ length: PEOPLE }, (_, i) =>
      startPublisher({
        livekit: lk,
        roomName: room,
        identity: `person-${i + 1}`,
        wavPath: wav.path,
        video: { width: 640, height: 360, fps: 15, hue: i * 120 },
      }),
    ),
  );
  const child = spawn(
    process.execPath,
    ["--import", "tsx", import.meta.filename, "--child", room, dataDir, lk.url, lk.apiKey, lk.apiSecret],
    { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, NODE_ENV: "production" } },
  );
  let started = 0;
  let ready: { durationMs: number; sizeBytes: number } | undefined;
  let failed: string | undefined;
  child.stdout.on("data", (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n").filter(Boolean)) {
      const e = JSON.parse(line);
      if (e.type === "started") started = Date.now();
      if (e.type === "ready") ready = e;
      if (e.type === "failed") failed = e.reason;
    }
  });
  const exited = new Promise((r) => child.once("exit", r));
  while (!started && !failed) await sleep(50);
  // Measure the steady state: from 2 s after the start to 2 s before the stop.
  await sleep(2_000);
  const pids = () => [child.pid!, ...childrenOf(child.pid!)];
  const t0 = Date.now();
  const cpu0 = new Map(pids().map((p) => [p, cpuTicks(p)]));
  let peakRecorder = 0;
  let peakGst = 0;
  let peakTotal = 0;
  let cpu1 = new Map<number, number>();
  while (Date.now() - started < (RECORD_S - 2) * 1000) {
    await sleep(1_000);
    const [rec, ...gst] = pids();
    const r = rssKb(rec!);
    const g = gst.reduce((s, p) => s + rssKb(p), 0);
    peakRecorder = Math.max(peakRecorder, r);
    peakGst = Math.max(peakGst, g);
    peakTotal = Math.max(peakTotal, r + g);
    cpu1 = new Map(pids().map((p) => [p, cpuTicks(p)]));
  }
  const seconds = (Date.now() - t0) / 1000;
  const pct = (pid: number) => (((cpu1.get(pid) ?? 0) - (cpu0.get(pid) ?? 0)) / ticks / seconds) * 100;
  const [rec, ...gst] = [...cpu1.keys()];
  await exited;
  const wallMs = Date.now() - started;
  await Promise.all(publishers.map((p) => p.stop()));
  if (failed || !ready) throw new Error(`recording failed: ${failed}`);
  const gstPct = gst.reduce((s, p) => s + pct(p), 0);
  console.log(
    JSON.stringify(
      {
        people: PEOPLE,
        recordedS: RECORD_S,
        measuredS: Math.round(seconds),
        canvas: "1280x720 15 fps, x264 veryfast 1500 kbps + Opus 64 kbps",
        cpuPercentOfCore: {
          recorderNode: Math.round(pct(rec!)),
          gstLaunch: Math.round(gstPct),
          total: Math.round(pct(rec!) + gstPct),
        },
        peakRssMb: {
          recorderNode: Math.round(peakRecorder / 1024),
          gstLaunch: Math.round(peakGst / 1024),
          total: Math.round(peakTotal / 1024),
        },
        file: {
          durationMs: ready.durationMs,
          wallMsStartedToExit: wallMs,
          sizeMb: +(ready.sizeBytes / 1e6).toFixed(1),
        },
        loadAverage: os.loadavg().map((l) => +l.toFixed(2)),
        cpus: `${os.cpus().length} × ${os.cpus()[0]?.model}`,
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
  await lk.stop();
}
process.exit(0);
