/**
 * The ws server under `npm run bench:ws`: the real transport and connection code with the `null`
 * provider, whose hand-off hook reads the send time the load generator wrote into each frame's
 * first 8 bytes. Relay overhead = time of provider.write() minus the client's time just before
 * ws.send() (both `performance.timeOrigin + performance.now()`, one machine, one clock): client
 * framing + loopback TCP + the server's event-loop queueing + parsing + validation + metering.
 * Controlled over IPC by scripts/bench/ws.ts.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createDb } from "../../src/lib/db/client";
import { createLogger } from "../../src/lib/logger";
import { createNullProvider } from "../../src/modules/core/transcription/infra/null-provider";
import { startTranscriptionServer } from "../../ws/server/server";

const MAX_SAMPLES = 2_000_000;
const samples = new Float64Array(MAX_SAMPLES);
const inside = new Float64Array(MAX_SAMPLES);
let count = 0;
let cpuAtReset = process.cpuUsage();
let insideCount = 0;
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();

async function main() {
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
    pricePerMinute: () => 0,
    // Server-internal part: from the socket's message event to the provider hand-off.
    onRelay(receivedAt) {
      if (insideCount < MAX_SAMPLES) inside[insideCount++] = performance.now() - receivedAt;
    },
    log: createLogger("ws-bench", "warn"),
  });
  process.on("message", (m: { type: string }) => {
    if (m.type === "reset") {
      cpuAtReset = process.cpuUsage();
      count = 0;
      insideCount = 0;
      loopDelay.reset();
    }
    if (m.type === "report") {
      const sorted = samples.slice(0, count).sort();
      const q = (p: number) => (count ? sorted[Math.min(count - 1, Math.floor(p * count))]! : NaN);
      const inner = inside.slice(0, insideCount).sort();
      process.send!({
        type: "report",
        frames: count,
        p50: q(0.5),
        p99: q(0.99),
        max: count ? sorted[count - 1] : NaN,
        insideP99: insideCount ? inner[Math.floor(0.99 * insideCount)]! : NaN,
        loopDelayP99: loopDelay.percentile(99) / 1e6,
        // CPU the server spent (user + system) since the reset: per frame it is what bounds N.
        cpuMs: (() => {
          const d = process.cpuUsage(cpuAtReset);
          return (d.user + d.system) / 1000;
        })(),
        systemCpuMs: process.cpuUsage(cpuAtReset).system / 1000,
        rssMb: process.memoryUsage().rss / 2 ** 20,
        connections: server.connectionCount(),
      });
    }
    if (m.type === "stop") void server.shutdown().then(() => process.exit(0));
  });
  process.send!({ type: "listening", port: server.port });
}

void main();
