import { createDb, type Db } from "@/lib/db/client";
import { getDb } from "@/server/db";
import { webEnv } from "@/lib/env/web";
import { log } from "@/server/logger";
import type { Analyzer } from "../application/analyzer";
import type { AnalysisJobPolicy } from "./analysis-queue";
import { startAnalysisWorker, type AnalysisWorker } from "./analysis-worker";
import { analyzerFromEnv } from "./analyzer-from-env";

const holder = globalThis as unknown as { __roomsAnalysisWorker?: Promise<AnalysisWorker> };

export type WorkerOverrides = {
  analyzer?: Analyzer;
  policy?: AnalysisJobPolicy;
  maintenanceIntervalSeconds?: number;
  pollingIntervalSeconds?: number;
  /** The standalone process owns its pool; the web process shares getDb()'s. */
  ownPool?: boolean;
};

/** Starts this process's analysis worker once (the web process from instrumentation, or the script). */
export function startAnalysisWorkerFromEnv(overrides: WorkerOverrides = {}): Promise<AnalysisWorker> {
  if (!holder.__roomsAnalysisWorker) {
    const env = webEnv();
    const db: Db = overrides.ownPool
      ? createDb(env.DATABASE_URL, { max: 3, statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS }).db
      : getDb();
    holder.__roomsAnalysisWorker = startAnalysisWorker({
      connectionString: env.DATABASE_URL,
      db,
      analyzer: overrides.analyzer ?? analyzerFromEnv(),
      policy: overrides.policy,
      maintenanceIntervalSeconds: overrides.maintenanceIntervalSeconds,
      pollingIntervalSeconds: overrides.pollingIntervalSeconds,
    }).catch((err: unknown) => {
      holder.__roomsAnalysisWorker = undefined;
      log().error({ err }, "the analysis worker could not start");
      throw err;
    });
  }
  return holder.__roomsAnalysisWorker;
}

/** For the standalone process: works jobs until SIGTERM/SIGINT, then stops (a cut job is retried). */
export async function runAnalysisWorkerProcess(overrides: WorkerOverrides = {}): Promise<void> {
  const worker = await startAnalysisWorkerFromEnv({ ownPool: true, ...overrides });
  log().info("analysis worker started");
  const stop = () => {
    void worker.stop().finally(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
