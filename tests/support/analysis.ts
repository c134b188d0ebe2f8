import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { sessionAnalyses } from "@/lib/db/schema/analysis";
import { participants } from "@/lib/db/schema/sessions";
import { transcriptSegments } from "@/lib/db/schema/transcription";
import type { AnalysisResult, Analyzer } from "@/modules/core/analysis/application/analyzer";

/** A meeting's finals written straight into the database, as the ws writer stores them. */
export async function writeMeeting(
  db: Db,
  sessionId: string,
  lines: { participantId: string; text: string }[],
): Promise<string[]> {
  const base = { videoSessionId: sessionId, language: "en", provider: "test", confidence: 0.9 };
  const rows = await db
    .insert(transcriptSegments)
    .values(
      lines.map((l, i) => ({
        ...base,
        participantId: l.participantId,
        utteranceId: `u-${i}`,
        text: l.text,
        startMs: i * 4000,
        endMs: i * 4000 + 3500,
        createdAt: new Date(Date.UTC(2026, 0, 5, 10, 0, i * 4)),
      })),
    )
    .returning({ id: transcriptSegments.id });
  return rows.map((r) => r.id);
}

export async function participantIdOf(db: Db, sessionId: string, identity: string): Promise<string> {
  const [row] = await db
    .select({ id: participants.id })
    .from(participants)
    .where(and(eq(participants.videoSessionId, sessionId), eq(participants.identity, identity)));
  return row!.id;
}

export async function analysisRow(db: Db, sessionId: string) {
  const [row] = await db.select().from(sessionAnalyses).where(eq(sessionAnalyses.videoSessionId, sessionId));
  return row ?? null;
}

/** Polls the analysis row until `done` says so (or fails after `timeoutMs`). */
export async function waitForAnalysis(
  db: Db,
  sessionId: string,
  done: (row: NonNullable<Awaited<ReturnType<typeof analysisRow>>>) => boolean,
  timeoutMs = 20_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await analysisRow(db, sessionId);
    if (row && done(row)) return row;
    if (Date.now() > deadline) throw new Error(`analysis of ${sessionId} stuck at ${JSON.stringify(row)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** pg-boss's jobs for one session (the singleton key is the session id). */
export async function jobsFor(db: Db, sessionId: string) {
  const res = await db.execute<{ state: string; retry_count: number }>(
    sql`select state, retry_count from pgboss.job where name = 'session-analysis' and singleton_key = ${sessionId} order by created_on`,
  );
  return res.rows;
}

/**
 * A predictable analyzer for the job's tests: evidence is the segments it quotes, every line with
 * "will" is an action item of its speaker (keyed by its text, as a real analyzer keys stably).
 * Titles steer it: "[fail]" throws, "[slow]" takes 1.5 s.
 */
export const scriptedAnalyzer: Analyzer = {
  async analyze(input, onProgress): Promise<AnalysisResult> {
    if (input.sessionTitle.includes("[fail]")) throw new Error("analyzer exploded: internal detail 42");
    // Long enough that a request right after queueing finds it still queued or running.
    if (input.sessionTitle.includes("[slow]")) await new Promise((r) => setTimeout(r, 1500));
    onProgress?.(40);
    const segs = input.segments;
    const actions = segs.filter((s) => / will /.test(s.text));
    const names = [...new Set(segs.map((s) => s.participantId ?? ""))];
    return {
      summary: segs
        .slice(0, 2)
        .map((s) => s.text)
        .join(" "),
      summaryPoints: segs.slice(0, 2).map((s) => ({ text: s.text, segmentIds: [s.id] })),
      keyPoints: segs.length ? [{ text: segs[0]!.text, segmentIds: [segs[0]!.id, "not-a-segment"] }] : [],
      decisions: segs
        .filter((s) => /decided/.test(s.text))
        .map((s) => ({ text: s.text, segmentIds: [s.id] })),
      actionItems: actions.map((s) => ({
        key: s.text.toLowerCase().replace(/\W+/g, "-"),
        text: s.text,
        segmentIds: [s.id],
        owner: { name: s.speakerName, participantId: s.participantId, userId: s.userId },
        due: null,
      })),
      talkTime: names.map((p) => ({
        participantId: p,
        name: p,
        seconds: 1,
        words: 1,
        share: 1 / names.length,
      })),
      model: "scripted",
    };
  },
};

/** Short enough that a killed worker's job is retried within seconds. */
export const DURABILITY_POLICY = { retryLimit: 2, retryDelaySeconds: 1, expireInSeconds: 3 };
