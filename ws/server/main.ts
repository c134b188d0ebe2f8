/**
 * The transcription process: `node --import tsx ws/server/main.ts` (the supervisor starts it).
 * SIGTERM/SIGINT: stop taking audio, let providers emit their last finals, store and acknowledge
 * them, close sockets with GOING_AWAY, exit 0.
 */
import { createDb } from "@/lib/db/client";
import { createLogger } from "@/lib/logger";
import { connectRedis } from "@/lib/rate-limit";
import { loadWsEnv } from "./env";
import { startMonitoring } from "./monitoring";
import { chooseProvider } from "./providers";
import { startTranscriptionServer } from "./server";
import { SETTINGS } from "./settings";

let monitoring: Awaited<ReturnType<typeof startMonitoring>> | undefined;

async function main() {
  const env = loadWsEnv();
  monitoring = await startMonitoring(env);
  // Errors the server logs (a failing connection, the database) are reported too.
  const log = createLogger("ws", env.LOG_LEVEL, undefined, { onError: monitoring.onError });
  const { db, pool } = createDb(env.DATABASE_URL, env.DATABASE_POOL_MAX);
  const { provider, unavailableReason, reason: providerReason } = await chooseProvider(env, log);
  // Limits shared with the other ws instances; without Redis each process counts on its own.
  const redis = env.REDIS_URL ? connectRedis(env.REDIS_URL) : undefined;
  redis?.on("error", (err) => log.warn({ err: err.message }, "redis unavailable; per-process limits"));
  const prices: Record<string, number> = {
    gladia: env.STT_PRICE_PER_MINUTE_GLADIA,
    pocketsphinx: env.STT_PRICE_PER_MINUTE_POCKETSPHINX,
    whisper: env.STT_PRICE_PER_MINUTE_WHISPER,
  };
  const server = await startTranscriptionServer({
    host: env.WS_HOST,
    port: env.WS_PORT,
    db,
    secret: env.TRANSCRIPTION_JWT_SECRET,
    provider,
    unavailableReason,
    providerReason,
    pricePerMinute: (name) => prices[name] ?? 0,
    log,
    gating: env.STT_GATING === "on" ? { vadMode: env.STT_VAD_MODE, engine: env.STT_VAD } : null,
    redis,
    metrics: { host: env.WS_METRICS_HOST, port: env.WS_METRICS_PORT },
  });

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping");
    const hardStop = setTimeout(() => {
      log.error("shutdown took too long; exiting");
      process.exit(1);
    }, SETTINGS.shutdownTimeoutMs + 10_000);
    hardStop.unref();
    server
      .shutdown()
      .then(() => pool.end())
      .then(() => redis?.quit())
      .then(
        () => process.exit(0),
        (err) => {
          log.error({ err }, "shutdown failed");
          process.exit(1);
        },
      );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  // Printed for supervisors and tests that start us on port 0.
  if (process.send) process.send({ type: "listening", port: server.port, metricsPort: server.metricsPort });
}

main().catch(async (err) => {
  console.error("[ws] failed to start:", err instanceof Error ? err.message : err);
  monitoring?.capture(err);
  await monitoring?.flush();
  process.exit(1);
});
