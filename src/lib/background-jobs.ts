import { getDb } from "@/lib/db/client";
import { webEnv } from "@/lib/env/web";
import { log } from "@/lib/web-logger";
import { sweepIdleSessions } from "@/modules/core/sessions/application/sweep-idle-sessions";
import { mediaServerFromEnv } from "@/modules/core/sessions/infra/media-server-from-env";

const holder = globalThis as unknown as { __roomsJobs?: NodeJS.Timeout };

/**
 * The inactivity sweeper. Every web instance runs it; ending a session is a guarded transition,
 * so concurrent sweeps cannot end one twice.
 */
export function startBackgroundJobs(): void {
  if (holder.__roomsJobs) return;
  const env = webEnv();
  let running = false;
  holder.__roomsJobs = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const ended = await sweepIdleSessions(getDb(), mediaServerFromEnv(env), {
        idleMs: env.SESSION_IDLE_MINUTES * 60_000,
      });
      if (ended.length) log().info({ sessions: ended }, "ended idle sessions");
    } catch (err) {
      log().warn({ err }, "idle-session sweep failed; will retry");
    } finally {
      running = false;
    }
  }, env.SESSION_SWEEP_SECONDS * 1000);
  holder.__roomsJobs.unref();
}
