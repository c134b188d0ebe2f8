import { and, asc, eq, gte, inArray, lt, ne, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { sessionAnalyses } from "@/lib/db/schema/analysis";
import { users } from "@/lib/db/schema/identity";
import { participants, videoSessions } from "@/lib/db/schema/sessions";
import { spaceMembers } from "@/lib/db/schema/spaces";
import { transcriptSegments } from "@/lib/db/schema/transcription";
import type { AnalysisInput, AnalysisResult } from "../application/analyzer";
import { ANALYSIS_QUEUE, PGBOSS_SCHEMA } from "./analysis-queue";

export type SessionAnalysis = typeof sessionAnalyses.$inferSelect;
export type AnalysisStatus = SessionAnalysis["status"];

/** The PENDING row a job works on; inserting it twice is a no-op. Returns whether this call made it. */
export async function insertPendingAnalysis(db: Executor, videoSessionId: string): Promise<boolean> {
  const rows = await db
    .insert(sessionAnalyses)
    .values({ videoSessionId })
    .onConflictDoNothing()
    .returning({ id: sessionAnalyses.id });
  return rows.length > 0;
}

export async function findAnalysis(db: Executor, videoSessionId: string): Promise<SessionAnalysis | null> {
  const [row] = await db
    .select()
    .from(sessionAnalyses)
    .where(eq(sessionAnalyses.videoSessionId, videoSessionId));
  return row ?? null;
}

/**
 * Takes the analysis for a run: anything but DONE becomes RUNNING (a RUNNING row is one whose
 * worker died; its retry takes over). Null when it is DONE already: a duplicate job is a no-op.
 */
export async function claimAnalysis(
  db: Executor,
  videoSessionId: string,
  at: Date,
): Promise<SessionAnalysis | null> {
  const [row] = await db
    .update(sessionAnalyses)
    .set({
      status: "RUNNING",
      progress: 0,
      attempts: sql`${sessionAnalyses.attempts} + 1`,
      error: null,
      startedAt: at,
      updatedAt: at,
    })
    .where(and(eq(sessionAnalyses.videoSessionId, videoSessionId), ne(sessionAnalyses.status, "DONE")))
    .returning();
  return row ?? null;
}

/** Progress only moves forward and only while RUNNING, so a late write cannot undo DONE. */
export async function setProgress(db: Executor, id: string, progress: number): Promise<void> {
  await db
    .update(sessionAnalyses)
    .set({ progress, updatedAt: new Date() })
    .where(
      and(
        eq(sessionAnalyses.id, id),
        eq(sessionAnalyses.status, "RUNNING"),
        lt(sessionAnalyses.progress, progress),
      ),
    );
}

export async function completeAnalysis(
  db: Executor,
  id: string,
  result: AnalysisResult,
  at: Date,
): Promise<void> {
  await db
    .update(sessionAnalyses)
    .set({
      status: "DONE",
      progress: 100,
      summary: result.summary,
      summaryPoints: result.summaryPoints,
      keyPoints: result.keyPoints,
      decisions: result.decisions,
      actionItems: result.actionItems,
      talkTime: result.talkTime,
      model: result.model,
      error: null,
      completedAt: at,
      updatedAt: at,
    })
    .where(eq(sessionAnalyses.id, id));
}

/** `final`: no retry is left, the analysis is FAILED; otherwise it waits for its retry as PENDING. */
export async function failAnalysis(
  db: Executor,
  id: string,
  input: { error: string; final: boolean; at: Date },
): Promise<void> {
  await db
    .update(sessionAnalyses)
    .set({ status: input.final ? "FAILED" : "PENDING", error: input.error, updatedAt: input.at })
    .where(and(eq(sessionAnalyses.id, id), ne(sessionAnalyses.status, "DONE")));
}

/** A re-run: back to PENDING unless one is queued or running already. Null when refused. */
export async function resetForRerun(db: Executor, videoSessionId: string): Promise<SessionAnalysis | null> {
  const [row] = await db
    .update(sessionAnalyses)
    .set({ status: "PENDING", progress: 0, error: null, updatedAt: new Date() })
    .where(
      and(
        eq(sessionAnalyses.videoSessionId, videoSessionId),
        inArray(sessionAnalyses.status, ["DONE", "FAILED"]),
      ),
    )
    .returning();
  return row ?? null;
}

const RECENT_MS = 24 * 60 * 60_000;
/** Runs whose worker kept dying (each death uses up the job's retries, then a re-send starts more). */
const MAX_ATTEMPTS = 10;
const GAVE_UP = "The analysis could not be completed.";

/**
 * Analyses that wait or run with no live job behind them: a send lost between ending and queueing
 * (a crash, the queue unreachable), or a job whose worker died on its last retry. Sessions ended in
 * the last day with no analysis at all get their PENDING row first; a run that has died
 * MAX_ATTEMPTS times is FAILED instead. The worker re-sends the rest when it starts and then
 * periodically.
 */
export async function listOrphanedAnalyses(db: Executor, now = new Date(), limit = 500): Promise<string[]> {
  await db.execute(sql`
    insert into ${sessionAnalyses} (video_session_id)
    select ${videoSessions.id} from ${videoSessions}
    where ${videoSessions.status} = 'ENDED' and ${videoSessions.endedAt} > ${new Date(now.getTime() - RECENT_MS)}
    on conflict do nothing`);
  const orphan = sql`${sessionAnalyses.status} in ('PENDING', 'RUNNING') and not exists (
    select 1 from ${sql.identifier(PGBOSS_SCHEMA)}.job j
    where j.name = ${ANALYSIS_QUEUE} and j.singleton_key = ${sessionAnalyses.videoSessionId}::text
      and j.state in ('created', 'retry', 'active'))`;
  await db
    .update(sessionAnalyses)
    .set({ status: "FAILED", error: GAVE_UP, updatedAt: now })
    .where(and(orphan, gte(sessionAnalyses.attempts, MAX_ATTEMPTS)));
  const rows = await db
    .select({ id: sessionAnalyses.videoSessionId })
    .from(sessionAnalyses)
    .where(and(orphan, lt(sessionAnalyses.attempts, MAX_ATTEMPTS)))
    .orderBy(asc(sessionAnalyses.createdAt))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** What an analyzer needs: the session's finals in speaking order with speakers, and the space's members. */
export async function loadAnalysisInput(
  db: Executor,
  videoSessionId: string,
): Promise<(AnalysisInput & { spaceId: string; createdByUserId: string | null }) | null> {
  const [session] = await db.select().from(videoSessions).where(eq(videoSessions.id, videoSessionId));
  if (!session) return null;
  const [segments, members] = await Promise.all([
    db
      .select({
        id: transcriptSegments.id,
        participantId: transcriptSegments.participantId,
        speakerName: sql<string>`coalesce(${participants.displayName}, '')`,
        userId: participants.userId,
        text: transcriptSegments.text,
        startMs: transcriptSegments.startMs,
        endMs: transcriptSegments.endMs,
        createdAt: transcriptSegments.createdAt,
      })
      .from(transcriptSegments)
      .leftJoin(participants, eq(participants.id, transcriptSegments.participantId))
      .where(and(eq(transcriptSegments.videoSessionId, videoSessionId), eq(transcriptSegments.isFinal, true)))
      .orderBy(asc(transcriptSegments.createdAt), asc(transcriptSegments.id)),
    db
      .select({ userId: users.id, name: sql<string>`coalesce(${users.name}, '')`, email: users.email })
      .from(spaceMembers)
      .innerJoin(users, eq(users.id, spaceMembers.userId))
      .where(eq(spaceMembers.spaceId, session.spaceId)),
  ]);
  return {
    spaceId: session.spaceId,
    createdByUserId: session.createdByUserId,
    sessionTitle: session.title,
    language: session.transcriptionLanguage ?? "en",
    sessionStartedAt: session.startedAt,
    segments,
    members,
  };
}
