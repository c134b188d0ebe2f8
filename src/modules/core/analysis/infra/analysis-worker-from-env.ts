import type { Logger } from "pino";
import { createDb } from "@/lib/db/client";
import { loadAnalysisWorkerEnv, type AnalysisWorkerEnv } from "@/lib/env/analysis";
import { createLogger } from "@/lib/logger";
import type { Analyzer } from "../application/analyzer";
import type { AnalysisJobPolicy } from "./analysis-queue";
import { startAnalysisWorker, type AnalysisWorker } from "./analysis-worker";
import { analyzerFromEnv } from "./analyzer-from-env";

export type WorkerOverrides = {
  analyzer?: Analyzer;
  policy?: AnalysisJobPolicy;
  maintenanceIntervalSeconds?: number;
  pollingIntervalSeconds?: number;
};

/**
 * The standalone analysis worker's composition root: its own small env (database, LLM, log level;
 * no web secrets), its own pool and analyzer. The web process runs a worker too, wired from its
 * own root (src/server/background-jobs.ts).
 */
export function startAnalysisWorkerFromEnv(
  env: AnalysisWorkerEnv,
  log: Logger,
  overrides: WorkerOverrides = {},
): Promise<AnalysisWorker> {
  const { db } = createDb(env.DATABASE_URL, {
    max: 3,
    statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
  });
  const analyzer =
    overrides.analyzer ??
    analyzerFromEnv(env, (err) =>
      log.warn({ err }, "the LLM analysis failed; the offline analyzer answered"),
    );
  return startAnalysisWorker({
    connectionString: env.DATABASE_URL,
    db,
    log,
    analyzer,
    policy: overrides.policy,
    maintenanceIntervalSeconds: overrides.maintenanceIntervalSeconds,
    pollingIntervalSeconds: overrides.pollingIntervalSeconds,
  });
}

/** For the standalone process: works jobs until SIGTERM/SIGINT, then stops (a cut job is retried). */
export async function runAnalysisWorkerProcess(overrides: WorkerOverrides = {}): Promise<void> {
  const env = loadAnalysisWorkerEnv();
  const log = createLogger("analysis-worker", env.LOG_LEVEL);
  const worker = await startAnalysisWorkerFromEnv(env, log, overrides).catch((err: unknown) => {
    log.error({ err }, "the analysis worker could not start");
    throw err;
  });
  const stop = () => {
    void worker.stop().finally(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  // After the handlers: a supervisor that stops the worker once it says so gets a clean exit.
  log.info("analysis worker started");
}
