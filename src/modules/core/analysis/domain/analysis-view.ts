import type { ActionItem, EvidencedPoint, SpeakerStats } from "@/lib/db/schema/analysis";

export type AnalysisStatus = "PENDING" | "RUNNING" | "DONE" | "FAILED";

/** What readers of a session's analysis see (the API body and the panel's props). */
export type AnalysisView = {
  status: AnalysisStatus;
  progress: number;
  attempts: number;
  summary: string | null;
  summaryPoints: EvidencedPoint[];
  keyPoints: EvidencedPoint[];
  decisions: EvidencedPoint[];
  actionItems: ActionItem[];
  talkTime: SpeakerStats[];
  model: string | null;
  /** User-safe reason when FAILED (or when the last attempt failed and a retry is waiting). */
  error: string | null;
  startedAt: string | null;
  completedAt: string | null;
};

export type AnalysisState = {
  /** Null until the session has ended. */
  analysis: AnalysisView | null;
  /** The host or a space owner/admin: may run it again. */
  canRerun: boolean;
  /** When each cited segment was said, in ms from the session's start: citations read as times. */
  citations: Record<string, number>;
};

export function isInProgress(status: AnalysisStatus): boolean {
  return status === "PENDING" || status === "RUNNING";
}

/** Every segment the analysis cites, to place on the session's clock. */
export function citedSegmentIds(view: AnalysisView): string[] {
  return [view.summaryPoints, view.keyPoints, view.decisions, view.actionItems].flatMap((list) =>
    list.flatMap((p) => p.segmentIds),
  );
}
