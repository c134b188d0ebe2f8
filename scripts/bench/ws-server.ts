/**
 * The ws server under `npm run bench:ws`: the real transport and connection code with the `null`
 * provider, whose hand-off hook reads the send time the load generator wrote into each frame's
 * first 8 bytes. Relay overhead = time of provider.write() minus the client's time just before
 * ws.send() (both `performance.timeOrigin + performance.now()`, one machine, one clock): client
 * framing + loopback TCP + the server's event-loop queueing + parsing + validation + metering.
 * Controlled over IPC by scripts/bench/ws.ts.
 *
 * BENCH_WS_PROCESSES > 1: a cluster primary forks that many servers sharing one port, as
 * WS_PROCESSES does in ws/server/ops/primary.ts, and merges their samples for each report.
 */
import cluster from "node:cluster";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createDb } from "../../src/lib/db/client";
import { createLogger } from "../../src/lib/logger";
import { createNullProvider } from "../../src/modules/core/captions/infra/null-provider";
import { startTranscriptionServer } from "../../ws/server/server";

const PROCESSES = Number(process.env.BENCH_WS_PROCESSES ?? 1);
const MAX_SAMPLES = 2_000_000;

/** What one server process measured since the last reset. */
type Snapshot = {
  samples: Float64Array;
  inside: Float64Array;
  loopDelayP99: number;
  cpuMs: number;
  systemCpuMs: number;
  rssMb: number;
  connections: number;
};
type Message = { type: "reset" | "report" | "stop" } | { type: "snapshot"; snapshot: Snapshot };

async function serve() {
  const samples = new Float64Array(MAX_SAMPLES);
  const inside = new Float64Array(MAX_SAMPLES);
  let count = 0;
  let insideCount = 0;
  let cpuAtReset = process.cpuUsage();
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const { db } = createDb(process.env.DATABASE_URL!, 10);
  const server = await startTranscriptionServer({
    host: "127.0.0.1",
    port: 0,
    db,
    secret: process.env.TRANSCRIPTION_JWT_SECRET!,
    provider: createNullProvider({
      onWrite(pcm) {
        const sentAt = pcm.readDoubleLE(0);
        if (count < MAX_SAMPLES) samples[count++] = performance.timeOrigin + performance.now() - sentAt;
      },
    }),
    // Server-internal part: from the socket's message event to the provider hand-off.
    onRelay(receivedAt) {
      if (insideCount < MAX_SAMPLES) inside[insideCount++] = performance.now() - receivedAt;
    },
    log: createLogger("ws-bench", "warn"),
  });
  return {
    port: server.port,
    reset() {
      cpuAtReset = process.cpuUsage();
      count = 0;
      insideCount = 0;
      loopDelay.reset();
    },
    snapshot(): Snapshot {
      // CPU the server spent (user + system) since the reset: per frame it is what bounds N.
      const cpu = process.cpuUsage(cpuAtReset);
      return {
        samples: samples.slice(0, count),
        inside: inside.slice(0, insideCount),
        loopDelayP99: loopDelay.percentile(99) / 1e6,
        cpuMs: (cpu.user + cpu.system) / 1000,
        systemCpuMs: cpu.system / 1000,
        rssMb: process.memoryUsage().rss / 2 ** 20,
        connections: server.connectionCount(),
      };
    },
    stop: () => server.shutdown(),
  };
}

/** Percentiles over every process's samples; CPU, memory and sockets summed; the worst loop delay. */
function report(snaps: Snapshot[]) {
  const join = (parts: Float64Array[]) => {
    const all = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) all.set(p, (at += p.length) - p.length);
    return all.sort();
  };
  const sorted = join(snaps.map((s) => s.samples));
  const inner = join(snaps.map((s) => s.inside));
  const count = sorted.length;
  const q = (p: number) => (count ? sorted[Math.min(count - 1, Math.floor(p * count))]! : NaN);
  const sum = (f: (s: Snapshot) => number) => snaps.reduce((n, s) => n + f(s), 0);
  return {
    type: "report",
    frames: count,
    p50: q(0.5),
    p99: q(0.99),
    max: count ? sorted[count - 1] : NaN,
    insideP99: inner.length ? inner[Math.floor(0.99 * inner.length)]! : NaN,
    loopDelayP99: Math.max(...snaps.map((s) => s.loopDelayP99)),
    cpuMs: sum((s) => s.cpuMs),
    systemCpuMs: sum((s) => s.systemCpuMs),
    rssMb: sum((s) => s.rssMb),
    connections: sum((s) => s.connections),
  };
}

async function single() {
  const s = await serve();
  process.on("message", (m: Message) => {
    if (m.type === "reset") s.reset();
    if (m.type === "report") process.send!(report([s.snapshot()]));
    if (m.type === "stop") void s.stop().then(() => process.exit(0));
  });
  process.send!({ type: "listening", port: s.port });
}

async function worker() {
  const s = await serve();
  process.on("message", (m: Message) => {
    if (m.type === "reset") s.reset();
    if (m.type === "report") process.send!({ type: "snapshot", snapshot: s.snapshot() });
    if (m.type === "stop") void s.stop().then(() => process.exit(0));
  });
  process.send!({ type: "listening", port: s.port });
}

async function primary() {
  // Typed arrays cross IPC as they are, not as JSON lists of numbers.
  cluster.setupPrimary({ serialization: "advanced" });
  const workers = Array.from({ length: PROCESSES }, () => cluster.fork());
  const ports = await Promise.all(
    workers.map((w) => new Promise<number>((r) => w.once("message", (m: { port: number }) => r(m.port)))),
  );
  const ask = () =>
    Promise.all(
      workers.map(
        (w) =>
          new Promise<Snapshot>((resolve) => {
            w.once("message", (m: Message) => resolve((m as { snapshot: Snapshot }).snapshot));
            w.send({ type: "report" });
          }),
      ),
    );
  process.on("message", (m: Message) => {
    if (m.type === "reset") for (const w of workers) w.send(m);
    if (m.type === "report") void ask().then((snaps) => process.send!(report(snaps)));
    if (m.type === "stop") {
      let left = workers.length;
      cluster.on("exit", () => --left === 0 && process.exit(0));
      for (const w of workers) w.send(m);
    }
  });
  process.send!({ type: "listening", port: ports[0] });
}

void (PROCESSES === 1 ? single() : cluster.isPrimary ? primary() : worker());
