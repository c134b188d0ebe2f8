import type PgBoss from "pg-boss";
import type { Logger } from "pino";
import type { Db } from "@/lib/db/client";
import type { AnalysisQueue } from "../application/analysis-queue";
import type { Analyzer } from "../application/analyzer";
import { runAnalysis } from "../application/run-analysis";
import {
  ANALYSIS_QUEUE,
  applyJobPolicy,
  DEFAULT_JOB_POLICY,
  sendAnalysisJob,
  startBoss,
  type AnalysisJobData,
  type AnalysisJobPolicy,
} from "./analysis-queue";
import { listOrphanedAnalyses } from "./analysis-repository";

export type AnalysisWorkerOptions = {
  connectionString: string;
  db: Db;
  analyzer: Analyzer;
  log: Logger;
  policy?: AnalysisJobPolicy;
  pollingIntervalSeconds?: number;
  /** How often dead jobs are expired (and so retried). */
  maintenanceIntervalSeconds?: number;
  orphanSweepSeconds?: number;
};

const ORPHAN_SWEEP_SECONDS = 300;

export type AnalysisWorker = { boss: PgBoss; stop(): Promise<void> };

export function bossQueue(boss: PgBoss): AnalysisQueue {
  return {
    send: async (sessionId) => {
      await sendAnalysisJob(boss, sessionId);
    },
  };
}

/**
 * Works analysis jobs from PostgreSQL. The state lives in pg-boss's tables, so a restarted worker
 * picks up where the old one stopped: a job whose worker died expires and is retried. On start
 * and every few minutes it also re-queues analyses left without a live job (see listOrphanedAnalyses).
 */
export async function startAnalysisWorker(opts: AnalysisWorkerOptions): Promise<AnalysisWorker> {
  const boss = await startBoss(opts.connectionString, {
    supervise: true,
    maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds,
    onError: (err) => opts.log.warn({ err }, "analysis queue error"),
  });
  await applyJobPolicy(boss, opts.policy ?? DEFAULT_JOB_POLICY);
  const queue = bossQueue(boss);
  await requeueOrphans(opts.db, queue);
  await boss.work<AnalysisJobData>(
    ANALYSIS_QUEUE,
    { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 },
    async ([job]) => {
      if (!job) return;
      await runAnalysis(
        opts.db,
        { analyzer: opts.analyzer, log: opts.log },
        { sessionId: job.data.sessionId, finalAttempt: job.retryCount >= job.retryLimit },
      );
    },
  );
  const sweep = setInterval(
    () => {
      requeueOrphans(opts.db, queue).catch((err: unknown) =>
        opts.log.warn({ err }, "could not re-queue orphaned analyses; will retry"),
      );
    },
    (opts.orphanSweepSeconds ?? ORPHAN_SWEEP_SECONDS) * 1000,
  );
  sweep.unref();
  return {
    boss,
    // Not graceful: a job cut off here is failed by pg-boss and so retried, as after a crash.
    stop: () => {
      clearInterval(sweep);
      return boss.stop({ graceful: false, wait: true });
    },
  };
}

/** Sends a job for each analysis left without one. */
export async function requeueOrphans(db: Db, queue: AnalysisQueue): Promise<number> {
  const ids = await listOrphanedAnalyses(db);
  for (const sessionId of ids) await queue.send(sessionId);
  return ids.length;
}
