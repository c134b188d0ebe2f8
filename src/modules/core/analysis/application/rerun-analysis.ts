import type { Db } from "@/lib/db/client";
import type { Viewer } from "@/modules/core/sessions";
import { ConflictError, ForbiddenError } from "@/modules/core/shared/domain/errors";
import { resolveTranscriptAccess } from "@/modules/core/transcripts";
import type { AnalysisState } from "../domain/analysis-view";
import { findAnalysis, insertPendingAnalysis, resetForRerun } from "../infra/analysis-repository";
import type { AnalysisQueue } from "./analysis-queue";
import { toView } from "./get-analysis";

/**
 * The host or a space owner/admin runs the analysis again: back to PENDING and queued. Refused
 * while one is waiting or running. Tasks already made from it are kept (they are keyed on the
 * action item), so people's edits survive.
 */
export async function rerunAnalysis(
  db: Db,
  queue: AnalysisQueue,
  input: { slug: string; viewer: Viewer },
): Promise<AnalysisState> {
  const access = await resolveTranscriptAccess(db, input);
  if (!access.canManage) {
    throw new ForbiddenError("forbidden", "Only the host or a space admin can run the analysis again.");
  }
  const sessionId = access.session.id;
  if (access.session.status !== "ENDED") {
    throw new ConflictError("analysis_not_ready", "The analysis starts when the session ends.");
  }
  // A session ended before analyses existed (or whose row was lost) gets its first one now.
  const created = await insertPendingAnalysis(db, sessionId);
  if (!created && !(await resetForRerun(db, sessionId))) {
    throw new ConflictError(
      "analysis_in_progress",
      "The analysis is already running. Wait for it to finish.",
    );
  }
  await queue.send(sessionId);
  const row = await findAnalysis(db, sessionId);
  // Queued again: its points are not shown until it is DONE, and then read with their times.
  return { analysis: row ? toView(row) : null, canRerun: true, citations: {} };
}
