import type { ActionItem, EvidencedPoint, SpeakerStats } from "@/lib/db/schema/analysis";

/** One transcript segment as the analyzers see it; `id` is what evidence points back to. */
export type AnalysisSegment = {
  id: string;
  participantId: string | null;
  speakerName: string;
  userId: string | null;
  text: string;
  startMs: number | null;
  endMs: number | null;
  createdAt: Date;
};

export type AnalysisInput = {
  sessionTitle: string;
  language: string;
  /** Due dates said as "by Friday" are resolved relative to this (else the first segment's time). */
  sessionStartedAt: Date | null;
  segments: AnalysisSegment[];
  /** Space members, to resolve owners named in action items to users. */
  members: { userId: string; name: string; email: string }[];
};

export type AnalysisResult = {
  summary: string;
  summaryPoints: EvidencedPoint[];
  keyPoints: EvidencedPoint[];
  decisions: EvidencedPoint[];
  actionItems: ActionItem[];
  talkTime: SpeakerStats[];
  /** `offline`, the LLM model name, or `offline (LLM failed: …)`. */
  model: string;
};

export interface Analyzer {
  analyze(input: AnalysisInput, onProgress?: (pct: number) => void): Promise<AnalysisResult>;
}

export type { ActionItem, EvidencedPoint, SpeakerStats };
