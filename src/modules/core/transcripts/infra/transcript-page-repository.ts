import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { users } from "@/lib/db/schema/identity";
import { participants } from "@/lib/db/schema/sessions";
import { transcriptSegmentTranslations as tr, transcriptSegments as ts } from "@/lib/db/schema/transcription";
import { termPattern, type SearchTerm } from "../domain/comparable-text";
import type { SegmentWindow } from "../domain/guest-access";
import type { StoredSegment } from "../domain/transcript-export";

export type PageSegment = StoredSegment & { speakerImage: string | null };

/** Read in `lang` (a translation where one is stored, else the original), or null: the original. */
export type Reading = { lang: string | null };
const ORIGINAL: Reading = { lang: null };

/** What a line shows: its translation where one was joined, else what was said. */
const shownText = sql<string>`coalesce(${tr.text}, ${ts.text})`;

const columns = {
  id: ts.id,
  text: shownText,
  streamStartMs: ts.startMs,
  streamEndMs: ts.endMs,
  createdAt: ts.createdAt,
  language: sql<string | null>`coalesce(${tr.language}, ${ts.language})`,
  original: sql<string | null>`case when ${tr.text} is not null then ${ts.text} end`,
  participantId: ts.participantId,
  speakerName: participants.displayName,
  speakerIdentity: participants.identity,
  speakerImage: users.image,
};

/** A session's finals, all of them or (for a guest) only those stored within a window. */
export type SegmentScope = { sessionId: string; window: SegmentWindow | null };

/** `createdAt`: the column to bound (the rank query's raw SQL names its two copies of the table). */
export function withinWindow(window: SegmentWindow | null, createdAt: SQL = sql`${ts.createdAt}`): SQL {
  if (!window) return sql`true`;
  const from = sql`${createdAt} >= ${window.from.toISOString()}`;
  return window.to ? sql`${from} and ${createdAt} <= ${window.to.toISOString()}` : from;
}

const finalsOf = ({ sessionId, window }: SegmentScope) =>
  and(eq(ts.videoSessionId, sessionId), eq(ts.isFinal, true), withinWindow(window))!;

/**
 * The line's translation into `lang` (at most one: unique per session, utterance and language).
 * Reading the original joins nothing (`false`, which the planner drops), so one query serves both.
 */
const translationOf = ({ lang }: Reading) =>
  lang
    ? and(
        eq(tr.videoSessionId, ts.videoSessionId),
        eq(tr.utteranceId, ts.utteranceId),
        eq(tr.language, lang),
      )!
    : sql`false`;

function select(db: Executor, where: SQL, reading: Reading) {
  return db
    .select(columns)
    .from(ts)
    .leftJoin(tr, translationOf(reading))
    .leftJoin(participants, eq(participants.id, ts.participantId))
    .leftJoin(users, eq(users.id, participants.userId))
    .where(where)
    .orderBy(asc(ts.createdAt), asc(ts.id));
}

/** Every final in speaking order (stored order: see `listSessionTranscript`), for the downloads. */
export const listAllSegments = (
  db: Executor,
  scope: SegmentScope,
  reading: Reading = ORIGINAL,
): Promise<PageSegment[]> => select(db, finalsOf(scope), reading);

export const listSegmentPage = (
  db: Executor,
  scope: SegmentScope,
  page: { offset: number; limit: number },
  reading: Reading = ORIGINAL,
): Promise<PageSegment[]> => select(db, finalsOf(scope), reading).offset(page.offset).limit(page.limit);

export async function countSegments(db: Executor, scope: SegmentScope): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(ts)
    .where(finalsOf(scope));
  return row?.n ?? 0;
}

/** How many finals come before `segmentId` in speaking order; null when it is not this session's. */
export async function segmentRank(
  db: Executor,
  { sessionId, window }: SegmentScope,
  segmentId: string,
): Promise<number | null> {
  const result = await db.execute<{ n: number | null }>(sql`
    select (select count(*)::int from ${ts} o
             where o.video_session_id = t.video_session_id and o.is_final
               and ${withinWindow(window, sql`o.created_at`)}
               and (o.created_at, o.id) < (t.created_at, t.id)) as n
    from ${ts} t
    where t.id = ${segmentId} and t.video_session_id = ${sessionId} and t.is_final
      and ${withinWindow(window, sql`t.created_at`)}`);
  return result.rows[0]?.n ?? null;
}

/** How many finals were stored before `at`: the page of a moment in the session. */
export async function rankAtTime(db: Executor, scope: SegmentScope, at: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(ts)
    .where(and(finalsOf(scope), sql`${ts.createdAt} < ${at.toISOString()}`));
  return row?.n ?? 0;
}

/**
 * Finals whose shown text (the translation read in, else the original) contains any of `terms`
 * (case-insensitive; see `searchVariants`), in speaking order: what is found is what the
 * reader sees marked. A scan of one session's finals (its index bounds it), as before: a few
 * `strpos` per line more.
 */
export async function searchSegments(
  db: Executor,
  scope: SegmentScope,
  terms: readonly SearchTerm[],
  limit: number,
  reading: Reading = ORIGINAL,
): Promise<{ rows: PageSegment[]; total: number }> {
  const anyTerm = sql.join(
    terms.map((t) => {
      const found = sql`strpos(lower(${shownText}), lower(${t.text})) > 0`;
      const pattern = termPattern(t);
      // The regex only where the literal is there at all: most lines are out after one strpos.
      return pattern ? sql`(case when ${found} then lower(${shownText}) ~ ${pattern} else false end)` : found;
    }),
    sql` or `,
  );
  const match = and(finalsOf(scope), terms.length ? sql`(${anyTerm})` : sql`false`)!;
  const [rows, [count]] = await Promise.all([
    select(db, match, reading).limit(limit),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(ts)
      .leftJoin(tr, translationOf(reading))
      .where(match),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** The languages this session's finals were translated into, for the reader's choice. */
export async function listTranslationLanguages(db: Executor, sessionId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ language: tr.language })
    .from(tr)
    .where(eq(tr.videoSessionId, sessionId))
    .orderBy(asc(tr.language));
  return rows.map((r) => r.language);
}

/** The stored timing of some of a session's finals (ids of other sessions are not found). */
export function listSegmentTimes(
  db: Executor,
  sessionId: string,
  ids: string[],
): Promise<Pick<StoredSegment, "id" | "streamStartMs" | "streamEndMs" | "createdAt">[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({ id: ts.id, streamStartMs: ts.startMs, streamEndMs: ts.endMs, createdAt: ts.createdAt })
    .from(ts)
    .where(and(eq(ts.videoSessionId, sessionId), eq(ts.isFinal, true), inArray(ts.id, ids)));
}
