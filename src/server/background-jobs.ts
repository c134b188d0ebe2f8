import { periodicTask } from "@/lib/periodic-task";
import { startAnalysisWorker } from "@/modules/core/analysis/infra/analysis-worker";
import { pruneWebhookEvents } from "@/modules/core/sessions/application/prune-webhook-events";
import { sweepIdleSessions } from "@/modules/core/sessions/application/sweep-idle-sessions";
import { sweepStaleRecordings } from "@/modules/core/recording/application/sweep-stale-recordings";
import type { WebDeps } from "./deps";
import { singleton } from "./singleton";

/** The webhook-id retention runs hourly; 10 × 5,000 rows a run is far above any call volume. */
const PRUNE_INTERVAL_MS = 60 * 60_000;
const PRUNE_BATCH = 5_000;
const PRUNE_MAX_BATCHES = 10;

/**
 * The inactivity sweeper (with it, the sweep that fails recordings whose recorder went quiet), the
 * webhook-id retention and the session-analysis worker. Every web
 * instance runs them: ending a session is a guarded transition, so concurrent sweeps cannot end one
 * twice; two instances pruning at once only delete disjoint or already-deleted rows; and pg-boss
 * gives each analysis job to one worker. Started once per process.
 */
export function startBackgroundJobs(deps: WebDeps): void {
  singleton("background-jobs", () => start(deps));
}

function start(deps: WebDeps): void {
  const { env, log, db } = deps;
  const intervalMs = env.SESSION_SWEEP_SECONDS * 1000;
  const sweep = periodicTask({
    // Under one interval, so a sweep stuck on a dead socket is given up before the next is due;
    // the pool's statement and read timeouts end the abandoned queries.
    timeoutMs: Math.max(1_000, Math.floor(intervalMs * 0.8)),
    run: async () => {
      const ended = await sweepIdleSessions(deps, { idleMs: env.SESSION_IDLE_MINUTES * 60_000 });
      if (ended.length) log.info({ sessions: ended }, "ended idle sessions");
      const failed = await sweepStaleRecordings(db, { recorder: deps.recorder, log });
      if (failed.length) log.warn({ recordings: failed }, "recordings failed by the stale-recording sweep");
    },
    onError: (err) => log.warn({ err }, "idle-session or stale-recording sweep failed; will retry"),
  });
  setInterval(() => void sweep(), intervalMs).unref();
  const prune = periodicTask({
    timeoutMs: PRUNE_INTERVAL_MS / 2,
    run: async (signal) => {
      const limits = {
        retentionMs: env.WEBHOOK_EVENTS_RETENTION_DAYS * 24 * 60 * 60_000,
        batchSize: PRUNE_BATCH,
        maxBatches: PRUNE_MAX_BATCHES,
      };
      const deleted = await pruneWebhookEvents(db, limits, { signal });
      if (deleted) log.info({ deleted }, "pruned old webhook event ids");
    },
    onError: (err) => log.warn({ err }, "webhook-event retention failed; will retry"),
  });
  setInterval(() => void prune(), PRUNE_INTERVAL_MS).unref();
  void prune();
  // A worker that cannot start (database down at boot) is retried with the next sweep's interval.
  const analysis = () =>
    startAnalysisWorker({ connectionString: env.DATABASE_URL, db, analyzer: deps.analyzer, log }).catch(
      (err: unknown) => {
        log.error({ err }, "the analysis worker could not start");
        setTimeout(() => void analysis(), intervalMs).unref();
      },
    );
  void analysis();
}
