/**
 * `npm run bench:ws`: how many concurrent real-time speakers the ws server sustains, with one process
 * and as a cluster of several (BENCH_WS_PROCESSES, default "1,2": one run each). Each speaker
 * is a WebSocket that authenticates with a captions token and sends a 160 ms PCM chunk (5,120 B)
 * every 160 ms to the `null` provider. Steps up N; per step reports relay overhead p50/p99 (see
 * scripts/bench/ws-server.ts for the definition), frames delivered vs expected, and server RSS.
 * The largest N with p99 < 5 ms is the answer. Needs TEST_DATABASE_URL (scripts/bench.sh).
 *
 * BENCH_STEPS (default "250,500,1000,2000,3000,4000,5000,6000"), BENCH_STEP_SECONDS (10).
 */
import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import WebSocket from "ws";
import { createDb } from "../../src/lib/db/client";
import { createDatabase, dropDatabase } from "../../tests/support/next-server";
import { seedSpeakers, tokenFor, type Speaker } from "../../tests/support/transcription-seed";

const STEPS = (process.env.BENCH_STEPS ?? "250,500,1000,2000,3000,4000,5000,6000").split(",").map(Number);
const STEP_S = Number(process.env.BENCH_STEP_SECONDS ?? 10);
const PROCESS_COUNTS = (process.env.BENCH_WS_PROCESSES ?? "1,2").split(",").map(Number);
const CHUNK = 5120;
const INTERVAL_MS = 160;

type Report = {
  frames: number;
  p50: number;
  p99: number;
  max: number;
  insideP99: number;
  loopDelayP99: number;
  cpuMs: number;
  systemCpuMs: number;
  rssMb: number;
  connections: number;
};

async function main() {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error("TEST_DATABASE_URL is not set: run `npm run bench:ws` (scripts/bench.sh)");
  const dbName = `rooms_bench_ws_${randomBytes(4).toString("hex")}`;
  const url = await createDatabase(admin, dbName);
  const secret = randomBytes(32).toString("base64url");
  const { db, pool } = createDb(url, 4);
  const maxN = Math.max(...STEPS);
  const speakers = await seedSpeakers(db, maxN);
  await pool.end();
  const summary: Record<string, number> = {};
  for (const processes of PROCESS_COUNTS) {
    summary[`processes${processes}`] = await run(processes, url, secret, speakers);
  }
  console.log(
    JSON.stringify({
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
      loadAverage: os.loadavg().map((l) => +l.toFixed(1)),
      largestNWithP99Under5ms: summary,
    }),
  );
  await dropDatabase(admin, dbName);
}

/** One stepped run against a server of `processes` processes; the largest N with p99 < 5 ms. */
async function run(processes: number, url: string, secret: string, speakers: Speaker[]): Promise<number> {
  const server = fork(path.join(import.meta.dirname, "ws-server.ts"), [], {
    execArgv: [
      "--import",
      "tsx",
      ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir=/tmp/f1-prof"] : []),
    ],
    env: {
      ...process.env,
      DATABASE_URL: url,
      TRANSCRIPTION_JWT_SECRET: secret,
      BENCH_WS_PROCESSES: String(processes),
    },
  });
  // Never leave the server (and its workers: they exit with it) behind, whatever ends this process.
  const killServer = () => server.kill("SIGKILL");
  process.on("exit", killServer);
  const port = await new Promise<number>((resolve) =>
    server.once("message", (m: { port: number }) => resolve(m.port)),
  );
  const ask = () =>
    new Promise<Report>((resolve) => {
      server.once("message", (m: Report) => resolve(m));
      server.send({ type: "report" });
    });

  const sockets: WebSocket[] = [];
  const frame = Buffer.alloc(CHUNK);
  const rows: Record<string, unknown>[] = [];
  let sending = true;

  // One scheduler for every socket: each has a phase within the 160 ms period, as real speakers do.
  const schedule = async () => {
    let tick = 0;
    const started = performance.now();
    while (sending) {
      const n = sockets.length;
      const slot = tick % 16;
      for (let i = slot; i < n; i += 16) {
        const ws = sockets[i]!;
        if (ws.readyState !== WebSocket.OPEN) continue;
        const f = Buffer.allocUnsafe(CHUNK);
        frame.copy(f);
        f.writeDoubleLE(performance.timeOrigin + performance.now(), 0);
        ws.send(f);
      }
      tick++;
      const wait = started + tick * (INTERVAL_MS / 16) - performance.now();
      await new Promise((r) => setTimeout(r, Math.max(0, wait)));
    }
  };
  const sender = schedule();

  for (const n of STEPS) {
    while (sockets.length < n) {
      const batch = speakers.slice(sockets.length, Math.min(n, sockets.length + 200));
      const opened = await Promise.all(batch.map((s) => connectRetrying(port, tokenFor(secret, s))));
      sockets.push(...opened);
    }
    await new Promise((r) => setTimeout(r, 2_000));
    server.send({ type: "reset" });
    await new Promise((r) => setTimeout(r, STEP_S * 1000));
    const r = await ask();
    const expected = Math.round((n * STEP_S * 1000) / INTERVAL_MS);
    const row = {
      processes,
      speakers: n,
      open: sockets.filter((s) => s.readyState === WebSocket.OPEN).length,
      framesPerSecond: Math.round(r.frames / STEP_S),
      delivered: `${((100 * r.frames) / expected).toFixed(1)} %`,
      p50Ms: +r.p50.toFixed(2),
      p99Ms: +r.p99.toFixed(2),
      maxMs: +r.max.toFixed(1),
      serverInsideP99Ms: +r.insideP99.toFixed(3),
      eventLoopDelayP99Ms: +r.loopDelayP99.toFixed(1),
      serverRssMb: Math.round(r.rssMb),
      serverCpuPercent: Math.round((100 * r.cpuMs) / (STEP_S * 1000)),
      serverCpuUsPerFrame: r.frames ? +((1000 * r.cpuMs) / r.frames).toFixed(1) : null,
      kernelShare: `${Math.round((100 * r.systemCpuMs) / r.cpuMs)} %`,
    };
    rows.push(row);
    console.log(JSON.stringify(row));
    // Past the point where the server (or the generator) falls behind, more steps say nothing.
    if (r.frames < 0.9 * expected) break;
  }
  sending = false;
  await sender;
  const ok = rows.filter((r) => (r.p99Ms as number) < 5 && r.delivered !== undefined);
  for (const s of sockets) s.terminate();
  server.send({ type: "stop" });
  await new Promise((r) => server.once("exit", r));
  process.off("exit", killServer);
  return ok.length ? (ok.at(-1)!.speakers as number) : 0;
}

/**
 * As the browser does after a retryable close: on a loaded machine 200 authentications at once can
 * wait past the server's database connect timeout (4103 INTERNAL), which says nothing about relay.
 */
async function connectRetrying(port: number, token: string): Promise<WebSocket> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await connect(port, token);
    } catch (err) {
      if (attempt === 5) throw err;
      await new Promise((r) => setTimeout(r, 1_000 * attempt));
    }
  }
}

function connect(port: number, token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    // A zero mask lets ws skip masking on the load generator's side (the server still unmasks):
    // the generator shares the machine with the server and must not be what is measured.
    const ws = new WebSocket(`ws://127.0.0.1:${port}`, {
      perMessageDeflate: false,
      generateMask: (mask) => mask.fill(0),
    });
    ws.once("error", reject);
    ws.once("open", () => ws.send(JSON.stringify({ type: "auth", token })));
    ws.on("message", (data) => {
      const m = JSON.parse(data.toString());
      if (m.type === "ready") resolve(ws);
    });
    ws.once("close", (code) => reject(new Error(`closed with ${code} before ready`)));
    setTimeout(() => reject(new Error("no ready within 30 s")), 30_000).unref();
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
