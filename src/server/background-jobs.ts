import { getDb } from "@/server/db";
import { webEnv } from "@/lib/env/web";
import { periodicTask } from "@/lib/periodic-task";
import { log } from "@/server/logger";
import { startAnalysisWorkerFromEnv } from "@/modules/core/analysis/infra/analysis-worker-from-env";
import { pruneWebhookEvents } from "@/modules/core/sessions/application/prune-webhook-events";
import { sweepIdleSessions } from "@/modules/core/sessions/application/sweep-idle-sessions";
import { sweepStaleRecordings } from "@/modules/core/recording/application/sweep-stale-recordings";
import { recorderFromEnv } from "@/modules/core/recording/infra/recorder-from-env";
import { mediaServerFromEnv } from "@/modules/core/sessions/infra/media-server-from-env";

const holder = globalThis as unknown as { __roomsJobs?: NodeJS.Timeout; __roomsPrune?: NodeJS.Timeout };

/** The webhook-id retention runs hourly; 10 × 5,000 rows a run is far above any call volume. */
const PRUNE_INTERVAL_MS = 60 * 60_000;
const PRUNE_BATCH = 5_000;
const PRUNE_MAX_BATCHES = 10;

/**
 * The inactivity sweeper, the webhook-id retention and the session-analysis worker. Every web
 * instance runs them: ending a session is a guarded transition, so concurrent sweeps cannot end one
 * twice; two instances pruning at once only delete disjoint or already-deleted rows; and pg-boss
 * gives each analysis job to one worker.
 */
export function startBackgroundJobs(): void {
  if (holder.__roomsJobs) return;
  const env = webEnv();
  const intervalMs = env.SESSION_SWEEP_SECONDS * 1000;
  const sweep = periodicTask({
    // Under one interval, so a sweep stuck on a dead socket is given up before the next is due;
    // the pool's statement and read timeouts end the abandoned queries.
    timeoutMs: Math.max(1_000, Math.floor(intervalMs * 0.8)),
    run: async () => {
      const ended = await sweepIdleSessions(getDb(), mediaServerFromEnv(env), {
        idleMs: env.SESSION_IDLE_MINUTES * 60_000,
      });
      if (ended.length) log().info({ sessions: ended }, "ended idle sessions");
      const failed = await sweepStaleRecordings(getDb(), {
        recorder: recorderFromEnv(env, getDb()),
        log: log(),
      });
      if (failed.length) log().warn({ recordings: failed }, "recordings failed by the stale-recording sweep");
    },
    onError: (err) => log().warn({ err }, "idle-session sweep failed; will retry"),
  });
  holder.__roomsJobs = setInterval(() => void sweep(), intervalMs);
  holder.__roomsJobs.unref();
  const prune = periodicTask({
    timeoutMs: PRUNE_INTERVAL_MS / 2,
    run: async (signal) => {
      const limits = {
        retentionMs: env.WEBHOOK_EVENTS_RETENTION_DAYS * 24 * 60 * 60_000,
        batchSize: PRUNE_BATCH,
        maxBatches: PRUNE_MAX_BATCHES,
      };
      const deleted = await pruneWebhookEvents(getDb(), limits, { signal });
      if (deleted) log().info({ deleted }, "pruned old webhook event ids");
    },
    onError: (err) => log().warn({ err }, "webhook-event retention failed; will retry"),
  });
  holder.__roomsPrune = setInterval(() => void prune(), PRUNE_INTERVAL_MS);
  holder.__roomsPrune.unref();
  void prune();
  // A worker that cannot start (database down at boot) is retried with the next sweep's interval.
  const analysis = () =>
    startAnalysisWorkerFromEnv().catch(() => {
      setTimeout(() => void analysis(), intervalMs).unref();
    });
  void analysis();
}
