import type PgBoss from "pg-boss";
import { webEnv } from "@/lib/env/web";
import { log } from "@/server/logger";
import type { AnalysisQueue } from "../application/analysis-queue";
import { sendAnalysisJob, startBoss } from "./analysis-queue";

// On globalThis so dev-mode module reloads reuse one pg-boss (and its pool).
const holder = globalThis as unknown as { __roomsAnalysisSender?: Promise<PgBoss> };

function sender(): Promise<PgBoss> {
  if (!holder.__roomsAnalysisSender) {
    holder.__roomsAnalysisSender = startBoss(webEnv().DATABASE_URL, {
      supervise: false,
      onError: (err) => log().warn({ err }, "analysis queue error"),
    }).catch((err: unknown) => {
      // The next send tries again rather than failing forever.
      holder.__roomsAnalysisSender = undefined;
      throw err;
    });
  }
  return holder.__roomsAnalysisSender;
}

/** The web process's queue: senders only; workers run apart (instrumentation or the worker script). */
export function analysisQueueFromEnv(): AnalysisQueue {
  return {
    send: async (sessionId) => {
      await sendAnalysisJob(await sender(), sessionId);
    },
  };
}
