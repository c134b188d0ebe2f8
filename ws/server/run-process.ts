import { AggregatorRegistry } from "prom-client";
import { createDb } from "@/lib/db/client";
import { monitoringConfig } from "@/lib/env/monitoring";
import { createLogger } from "@/lib/logger";
import { gitSha } from "@/lib/monitoring/git-sha";
import { connectRedis } from "@/lib/rate-limit";
import { sttWorkersOf, type WsEnv } from "./env";
import { startMonitoring } from "./ops/monitoring";
import { chooseProvider } from "./providers";
import { createReceivedRecorder } from "./ops/received-recorder";
import { startRecognizerAnnouncer } from "./ops/recognizer-announcer";
import { startTranscriptionServer } from "./server";
import { SETTINGS } from "./settings";

/** Which process this is: the only one (WS_PROCESSES=1), or cluster worker `slot` of WS_PROCESSES. */
export type ProcessPlace = { clustered: false } | { clustered: true; slot: number };

/**
 * One ws process: env → db pool → provider → server; SIGTERM/SIGINT drain it (stop taking audio,
 * let providers emit their last finals, store and acknowledge them, close sockets with GOING_AWAY,
 * exit 0). Tells its parent (a supervisor or test, or the cluster primary) `{type:"listening"}`.
 */
export async function runProcess(env: WsEnv, place: ProcessPlace): Promise<void> {
  let monitoring: Awaited<ReturnType<typeof startMonitoring>> | undefined;
  try {
    monitoring = await startMonitoring(
      monitoringConfig(env, env.SENTRY_DSN && !env.SENTRY_RELEASE ? gitSha() : null),
    );
    await serve(env, place, monitoring.onError);
  } catch (err) {
    console.error("[ws] failed to start:", err instanceof Error ? err.message : err);
    monitoring?.capture(err);
    await monitoring?.flush();
    process.exit(1);
  }
}

async function serve(env: WsEnv, place: ProcessPlace, onError?: (err: Error) => void) {
  if (place.clustered) {
    // Answer the primary's metrics requests from the start (with nothing until the server runs):
    // a worker still starting must not hold up the instance's scrape until prom-client's timeout.
    // Constructing one installs prom-client's answering listener in this worker.
    AggregatorRegistry.setRegistries([]);
    new AggregatorRegistry();
  }
  // Errors the server logs (a failing connection, the database) are reported too.
  const root = createLogger("ws", env.LOG_LEVEL, undefined, { onError });
  const log = place.clustered ? root.child({ slot: place.slot }) : root;
  const { db, pool } = createDb(env.DATABASE_URL, env.DATABASE_POOL_MAX);
  const sttWorkers = place.clustered ? sttWorkersOf(env, place.slot) : env.STT_WORKERS;
  const {
    provider,
    unavailableReason,
    reason: providerReason,
  } = await chooseProvider({ ...env, STT_WORKERS: sttWorkers }, log);
  // Limits shared with the other ws processes and instances; without Redis each process counts on its own.
  const redis = env.REDIS_URL ? connectRedis(env.REDIS_URL) : undefined;
  redis?.on("error", (err) => log.warn({ err: err.message }, "redis unavailable; per-process limits"));
  const server = await startTranscriptionServer({
    host: env.WS_HOST,
    port: env.WS_PORT,
    db,
    secret: env.TRANSCRIPTION_JWT_SECRET,
    provider,
    unavailableReason,
    providerReason,
    log,
    gating: env.STT_GATING === "on" ? { vadMode: env.STT_VAD_MODE, engine: env.STT_VAD } : null,
    redis,
    // A worker's metrics are summed by the primary, which serves /metrics for the instance.
    metrics: place.clustered ? null : { host: env.WS_METRICS_HOST, port: env.WS_METRICS_PORT },
    received: env.WS_RECORD_RECEIVED_DIR ? createReceivedRecorder(env.WS_RECORD_RECEIVED_DIR) : undefined,
  });
  if (place.clustered) AggregatorRegistry.setRegistries([server.metricsRegistry]);
  const announcer =
    env.WS_ANNOUNCE_RECOGNIZER === "on"
      ? startRecognizerAnnouncer({
          db,
          captions: provider?.captionLanguages ?? { engine: "none", languages: [], autoDetect: false },
          everyMs: SETTINGS.announceRecognizerEveryMs,
          log,
        })
      : null;

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
      .then(() => announcer?.stop())
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
  // For supervisors and tests that start us on port 0; a worker's goes to the primary.
  process.send?.({ type: "listening", port: server.port, metricsPort: server.metricsPort });
}
