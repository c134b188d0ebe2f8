import type { Logger } from "pino";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/modules/core/shared/domain/errors";
import { createTasksFromAnalysis } from "@/modules/core/tasks";
import {
  claimAnalysis,
  completeAnalysis,
  failAnalysis,
  loadAnalysisInput,
  setProgress,
} from "../infra/analysis-repository";
import { asSentences } from "../domain/sentences";
import type { AnalysisResult, Analyzer, EvidencedPoint } from "./analyzer";

export type RunOutcome = "done" | "skipped";

const FAILED_MESSAGE = "The analysis could not be completed.";

/**
 * The job: RUNNING with progress, then DONE with the results and, in the same transaction, the
 * space's tasks from its action items; once per session.
 * A session already DONE is skipped, so a duplicate or late job changes nothing; a re-run first
 * puts the row back to PENDING. On error the row waits for the retry as PENDING, or is FAILED with
 * a user-safe reason when this was the last attempt; the error is rethrown so pg-boss retries.
 */
export async function runAnalysis(
  db: Db,
  deps: { analyzer: Analyzer; log: Logger },
  input: { sessionId: string; finalAttempt: boolean },
): Promise<RunOutcome> {
  const claimed = await claimAnalysis(db, input.sessionId, new Date());
  if (!claimed) return "skipped";
  try {
    const data = await loadAnalysisInput(db, input.sessionId);
    if (!data) return "skipped";
    // Progress writes are chained so they land in order, and awaited before DONE is written.
    let progressWrites = Promise.resolve();
    const onProgress = (pct: number) => {
      const value = Math.max(0, Math.min(99, Math.round(pct)));
      progressWrites = progressWrites.then(() => setProgress(db, claimed.id, value)).catch(() => undefined);
    };
    const raw = await deps.analyzer.analyze(data, onProgress);
    await progressWrites;
    const result = asSentences(keepKnownEvidence(raw, new Set(data.segments.map((s) => s.id))));
    await db.transaction(async (tx) => {
      await completeAnalysis(tx, claimed.id, result, new Date());
      await createTasksFromAnalysis(tx, {
        spaceId: data.spaceId,
        createdByUserId: data.createdByUserId,
        videoSessionId: input.sessionId,
        sessionAnalysisId: claimed.id,
        actionItems: result.actionItems,
      });
    });
    return "done";
  } catch (err) {
    deps.log.warn({ err, sessionId: input.sessionId, final: input.finalAttempt }, "session analysis failed");
    const reason = err instanceof AppError ? err.userMessage : FAILED_MESSAGE;
    await failAnalysis(db, claimed.id, { error: reason, final: input.finalAttempt, at: new Date() });
    throw err;
  }
}

/** Evidence must open a segment of this transcript: ids an analyzer made up are dropped. */
function keepKnownEvidence(result: AnalysisResult, known: Set<string>): AnalysisResult {
  const points = <T extends EvidencedPoint>(list: T[]) =>
    list.map((p) => ({ ...p, segmentIds: p.segmentIds.filter((id) => known.has(id)) }));
  return {
    ...result,
    summaryPoints: points(result.summaryPoints),
    keyPoints: points(result.keyPoints),
    decisions: points(result.decisions),
    actionItems: points(result.actionItems),
  };
}
