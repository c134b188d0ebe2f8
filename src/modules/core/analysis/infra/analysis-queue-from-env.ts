import type PgBoss from "pg-boss";
import type { Logger } from "pino";
import type { AnalysisQueue } from "../application/analysis-queue";
import { sendAnalysisJob, startBoss } from "./analysis-queue";

/**
 * A sending-only queue: pg-boss (and its pool) starts on the first send, and a start that failed
 * is tried again by the next send rather than failing forever. The composition root builds one.
 */
export function analysisQueueFromEnv(env: { DATABASE_URL: string }, log: Logger): AnalysisQueue {
  let sender: Promise<PgBoss> | undefined;
  const start = () =>
    startBoss(env.DATABASE_URL, {
      supervise: false,
      onError: (err) => log.warn({ err }, "analysis queue error"),
    }).catch((err: unknown) => {
      sender = undefined;
      throw err;
    });
  return {
    send: async (sessionId) => {
      sender ??= start();
      await sendAnalysisJob(await sender, sessionId);
    },
  };
}
