import { createDb } from "@/lib/db/client";
import { createLogger } from "@/lib/logger";
import { applyRecorderEvent } from "@/modules/core/recording/application/apply-recorder-event";
import { readRecorderControl } from "@/modules/core/recording/infra/recorder-control";
import type { RecorderEnv } from "./env";
import type { RecorderDeps } from "./run-recorder";

/**
 * The recorder process's composition root (the web's is src/server/deps.ts): from its env, the
 * logger, a small pool, and the two ports a run talks through. `close` ends the pool.
 */
export function buildRecorderDeps(
  env: RecorderEnv,
  recordingId: string,
  shutdown: AbortSignal,
): RecorderDeps & { close: () => Promise<void> } {
  const log = createLogger("recorder", env.LOG_LEVEL);
  const { db, pool } = createDb(env.DATABASE_URL, { max: 2 });
  return {
    env,
    log,
    report: async (event) => {
      await applyRecorderEvent(db, event);
    },
    control: () => readRecorderControl(db, recordingId),
    shutdown,
    close: () => pool.end(),
  };
}
