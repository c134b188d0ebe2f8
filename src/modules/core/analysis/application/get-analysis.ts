import type { Executor } from "@/lib/db/client";
import { type Viewer, sessionNotFound } from "@/modules/core/sessions";
import { locateSegments, resolveTranscriptAccess } from "@/modules/core/transcripts";
import { citedSegmentIds, type AnalysisState, type AnalysisView } from "../domain/analysis-view";
import { findAnalysis, type SessionAnalysis } from "../infra/analysis-repository";

/**
 * The session's analysis, for whoever may read its transcript (the analysis quotes it), except a
 * guest of the call: it sums up the whole call, and a guest reads only what was said while they
 * were there.
 */
export async function getAnalysis(
  db: Executor,
  input: { slug: string; viewer: Viewer },
): Promise<AnalysisState> {
  const access = await resolveTranscriptAccess(db, input);
  if (access.guest) throw sessionNotFound(input.viewer.user !== null);
  const row = await findAnalysis(db, access.session.id);
  const analysis = row ? toView(row) : null;
  const citations =
    analysis?.status === "DONE"
      ? await locateSegments(db, { session: access.session, ids: citedSegmentIds(analysis) })
      : {};
  return { analysis, canRerun: access.canManage, citations };
}

export function toView(row: SessionAnalysis): AnalysisView {
  return {
    status: row.status,
    progress: row.progress,
    attempts: row.attempts,
    summary: row.summary,
    summaryPoints: row.summaryPoints ?? [],
    keyPoints: row.keyPoints ?? [],
    decisions: row.decisions ?? [],
    actionItems: row.actionItems ?? [],
    talkTime: row.talkTime ?? [],
    model: row.model,
    error: row.error,
    startedAt: row.startedAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}
