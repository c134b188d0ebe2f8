import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { users } from "@/lib/db/schema/identity";
import { participants } from "@/lib/db/schema/sessions";
import { transcriptSegments as ts } from "@/lib/db/schema/transcription";
import type { StoredSegment } from "../domain/transcript-export";

export type PageSegment = StoredSegment & { speakerImage: string | null };

const columns = {
  id: ts.id,
  text: ts.text,
  streamStartMs: ts.startMs,
  streamEndMs: ts.endMs,
  createdAt: ts.createdAt,
  language: ts.language,
  participantId: ts.participantId,
  speakerName: participants.displayName,
  speakerIdentity: participants.identity,
  speakerImage: users.image,
};

const finalsOf = (sessionId: string) => and(eq(ts.videoSessionId, sessionId), eq(ts.isFinal, true))!;

function select(db: Executor, where: SQL) {
  return db
    .select(columns)
    .from(ts)
    .leftJoin(participants, eq(participants.id, ts.participantId))
    .leftJoin(users, eq(users.id, participants.userId))
    .where(where)
    .orderBy(asc(ts.createdAt), asc(ts.id));
}

/** Every final in speaking order (stored order: see `listSessionTranscript`), for the downloads. */
export const listAllSegments = (db: Executor, sessionId: string): Promise<PageSegment[]> =>
  select(db, finalsOf(sessionId));

export const listSegmentPage = (
  db: Executor,
  sessionId: string,
  page: { offset: number; limit: number },
): Promise<PageSegment[]> => select(db, finalsOf(sessionId)).offset(page.offset).limit(page.limit);

export async function countSegments(db: Executor, sessionId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(ts)
    .where(finalsOf(sessionId));
  return row?.n ?? 0;
}

/** How many finals come before `segmentId` in speaking order; null when it is not this session's. */
export async function segmentRank(
  db: Executor,
  sessionId: string,
  segmentId: string,
): Promise<number | null> {
  const result = await db.execute<{ n: number | null }>(sql`
    select (select count(*)::int from ${ts} o
             where o.video_session_id = t.video_session_id and o.is_final
               and (o.created_at, o.id) < (t.created_at, t.id)) as n
    from ${ts} t
    where t.id = ${segmentId} and t.video_session_id = ${sessionId} and t.is_final`);
  return result.rows[0]?.n ?? null;
}

/** How many finals were stored before `at`: the page of a moment in the session. */
export async function rankAtTime(db: Executor, sessionId: string, at: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(ts)
    .where(and(finalsOf(sessionId), sql`${ts.createdAt} < ${at.toISOString()}`));
  return row?.n ?? 0;
}

/** Finals whose text contains `query` (case-insensitive, literal), in speaking order. */
export async function searchSegments(
  db: Executor,
  sessionId: string,
  query: string,
  limit: number,
): Promise<{ rows: PageSegment[]; total: number }> {
  const match = and(finalsOf(sessionId), sql`strpos(lower(${ts.text}), lower(${query})) > 0`)!;
  const [rows, [count]] = await Promise.all([
    select(db, match).limit(limit),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(ts)
      .where(match),
  ]);
  return { rows, total: count?.n ?? 0 };
}
