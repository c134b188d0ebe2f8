import { getDb } from "@/server/db";
import { webEnv } from "@/lib/env/web";
import { periodicTask } from "@/lib/periodic-task";
import { log } from "@/server/logger";
import { startAnalysisWorkerFromEnv } from "@/modules/core/analysis/infra/analysis-worker-from-env";
import { sweepIdleSessions } from "@/modules/core/sessions/application/sweep-idle-sessions";
import { sweepStaleRecordings } from "@/modules/core/recording/application/sweep-stale-recordings";
import { recorderFromEnv } from "@/modules/core/recording/infra/recorder-from-env";
import { mediaServerFromEnv } from "@/modules/core/sessions/infra/media-server-from-env";

const holder = globalThis as unknown as { __roomsJobs?: NodeJS.Timeout };

/**
 * The inactivity sweeper and the session-analysis worker. Every web instance runs both: ending a
 * session is a guarded transition, so concurrent sweeps cannot end one twice, and pg-boss gives
 * each analysis job to one worker.
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
      const failed = await sweepStaleRecordings(getDb(), { recorder: recorderFromEnv(env, getDb()) });
      if (failed.length) log().warn({ recordings: failed }, "recordings failed by the stale-recording sweep");
    },
    onError: (err) => log().warn({ err }, "idle-session sweep failed; will retry"),
  });
  holder.__roomsJobs = setInterval(() => void sweep(), intervalMs);
  holder.__roomsJobs.unref();
  // A worker that cannot start (database down at boot) is retried with the next sweep's interval.
  const analysis = () =>
    startAnalysisWorkerFromEnv().catch(() => {
      setTimeout(() => void analysis(), intervalMs).unref();
    });
  void analysis();
}
