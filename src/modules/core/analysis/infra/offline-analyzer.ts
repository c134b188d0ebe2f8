import type { AnalysisInput, AnalysisResult, Analyzer } from "../application/analyzer";
import { findActionItems } from "../domain/action-items";
import { findDecisions } from "../domain/decisions";
import { inSpokenOrder } from "../domain/order";
import { OwnerDirectory } from "../domain/owners";
import { keyPoints, rankSentences, summarize, toPoints } from "../domain/summarize";
import { talkTime } from "../domain/talk-time";
import { splitSentences } from "../domain/text";

export const OFFLINE_MODEL = "offline";

// A summary a person reads in a few seconds; key points cover the meeting in this many stretches.
const SUMMARY_SENTENCES = 5;
const KEY_POINT_SECTIONS = 6;

/**
 * The default analyzer: no network, no model. Extractive summary (TextRank), key points per stretch
 * of the meeting, decisions and action items by rules, talk time from segment timing. Deterministic:
 * the same transcript gives the same result, action item keys included.
 */
export class OfflineAnalyzer implements Analyzer {
  async analyze(input: AnalysisInput, onProgress?: (pct: number) => void): Promise<AnalysisResult> {
    const segments = inSpokenOrder(input.segments);
    const sentences = splitSentences(segments);
    onProgress?.(10);
    const scores = await rankSentences(sentences);
    onProgress?.(50);
    const summary = summarize(sentences, scores, SUMMARY_SENTENCES);
    const inSummary = new Set(summary.map((s) => s.index));
    const points = keyPoints(sentences, scores, KEY_POINT_SECTIONS, inSummary);
    onProgress?.(60);
    const decisions = findDecisions(sentences);
    const directory = new OwnerDirectory(segments, input.members);
    const reference = input.sessionStartedAt ?? segments[0]?.createdAt ?? new Date(0);
    const actionItems = findActionItems(sentences, segments, directory, reference);
    onProgress?.(90);
    const result: AnalysisResult = {
      summary: summary.map((s) => s.text).join(" "),
      summaryPoints: toPoints(summary),
      keyPoints: points,
      decisions,
      actionItems,
      talkTime: talkTime(segments),
      model: OFFLINE_MODEL,
    };
    onProgress?.(100);
    return result;
  }
}
