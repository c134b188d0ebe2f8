import type { Logger } from "pino";
import type { Executor } from "@/lib/db/client";
import { insertPendingAnalysis } from "../infra/analysis-repository";
import type { AnalysisQueue } from "./analysis-queue";

/**
 * A session has just ended: its analysis is recorded PENDING (once; a second end changes nothing)
 * and a job is queued. The row is the durable intent: if the queue cannot be reached, ending still
 * succeeds, and the worker queues every PENDING row when it starts.
 */
export async function enqueueAnalysis(
  db: Executor,
  deps: { queue: AnalysisQueue; log: Logger },
  sessionId: string,
): Promise<boolean> {
  const created = await insertPendingAnalysis(db, sessionId);
  if (!created) return false;
  try {
    await deps.queue.send(sessionId);
  } catch (err) {
    deps.log.warn(
      { err, sessionId },
      "could not queue the session analysis; the worker will queue it on start",
    );
  }
  return true;
}
