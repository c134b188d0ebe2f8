import { and, count, desc, eq, gt, isNull, lt, ne, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { participants, videoSessions } from "@/lib/db/schema/sessions";
import type { SessionStatus, VideoSession, VideoSessionSummary } from "../domain/video-session";

export type NewSession = Pick<
  VideoSession,
  | "slug"
  | "spaceId"
  | "createdByUserId"
  | "title"
  | "maxParticipants"
  | "transcriptionEnabled"
  | "transcriptionLanguage"
  | "allowGuests"
  | "guestsKnock"
  | "recordingAllowed"
>;

export async function insertSession(db: Executor, values: NewSession): Promise<VideoSession> {
  const [row] = await db.insert(videoSessions).values(values).returning();
  return row!;
}

export async function findSessionBySlug(
  db: Executor,
  slug: string,
  opts: { forUpdate?: boolean } = {},
): Promise<VideoSession | null> {
  const query = db.select().from(videoSessions).where(eq(videoSessions.slug, slug));
  const [row] = opts.forUpdate ? await query.for("update") : await query;
  return row ?? null;
}

export async function findSessionById(db: Executor, id: string): Promise<VideoSession | null> {
  const [row] = await db.select().from(videoSessions).where(eq(videoSessions.id, id));
  return row ?? null;
}

export async function listSessionsBySpace(db: Executor, spaceId: string): Promise<VideoSessionSummary[]> {
  const rows = await db
    .select({
      id: videoSessions.id,
      slug: videoSessions.slug,
      title: videoSessions.title,
      status: videoSessions.status,
      createdAt: videoSessions.createdAt,
      startedAt: videoSessions.startedAt,
      endedAt: videoSessions.endedAt,
      participantCount: count(participants.id),
    })
    .from(videoSessions)
    .leftJoin(participants, eq(participants.videoSessionId, videoSessions.id))
    .where(eq(videoSessions.spaceId, spaceId))
    .groupBy(videoSessions.id)
    .orderBy(desc(videoSessions.createdAt))
    .limit(100);
  return rows.map((r) => ({ ...r, participantCount: Number(r.participantCount) }));
}

/** CREATED → LIVE; a no-op for sessions already live or ended. */
export async function markLive(db: Executor, id: string, at: Date): Promise<void> {
  await db
    .update(videoSessions)
    .set({ status: "LIVE", startedAt: sql`coalesce(${videoSessions.startedAt}, ${at})`, lastActivityAt: at })
    .where(and(eq(videoSessions.id, id), eq(videoSessions.status, "CREATED")));
}

/** → ENDED, once. Returns whether this call did it, so side effects (room deletion) run once. */
export async function markEnded(db: Executor, id: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(videoSessions)
    .set({ status: "ENDED", endedAt: at, lastActivityAt: at })
    .where(and(eq(videoSessions.id, id), ne(videoSessions.status, "ENDED")))
    .returning({ id: videoSessions.id });
  // Anyone still marked present is not present in an ended session.
  if (rows.length) {
    await db
      .update(participants)
      .set({ leftAt: at })
      .where(and(eq(participants.videoSessionId, id), isNull(participants.leftAt)));
  }
  return rows.length > 0;
}

export async function touchSession(db: Executor, id: string, at: Date = new Date()): Promise<void> {
  await db
    .update(videoSessions)
    .set({ lastActivityAt: sql`greatest(${videoSessions.lastActivityAt}, ${at})` })
    .where(eq(videoSessions.id, id));
}

/** Sessions of a space that may still have a LiveKit room. */
export async function listOpenSessionIds(db: Executor, spaceId: string): Promise<string[]> {
  const rows = await db
    .select({ id: videoSessions.id })
    .from(videoSessions)
    .where(and(eq(videoSessions.spaceId, spaceId), ne(videoSessions.status, "ENDED")));
  return rows.map((r) => r.id);
}

/** LIVE sessions with no recorded activity since `before`: candidates for the idle sweeper. */
export async function findStaleLiveSessions(
  db: Executor,
  before: Date,
  limit = 100,
): Promise<{ id: string }[]> {
  return db
    .select({ id: videoSessions.id })
    .from(videoSessions)
    .where(
      and(eq(videoSessions.status, "LIVE" satisfies SessionStatus), lt(videoSessions.lastActivityAt, before)),
    )
    .orderBy(videoSessions.lastActivityAt)
    .limit(limit);
}

/** Sessions ended after `since`, newest first: their rooms should no longer exist. */
export async function findRecentlyEndedSessionIds(db: Executor, since: Date, limit = 500): Promise<string[]> {
  const rows = await db
    .select({ id: videoSessions.id })
    .from(videoSessions)
    .where(and(eq(videoSessions.status, "ENDED" satisfies SessionStatus), gt(videoSessions.endedAt, since)))
    .orderBy(desc(videoSessions.endedAt))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Activity from a token request: written only when the stored value is a minute old or more. */
export async function touchSessionIfStale(db: Executor, id: string, at: Date = new Date()): Promise<void> {
  await db
    .update(videoSessions)
    .set({ lastActivityAt: at })
    .where(and(eq(videoSessions.id, id), lt(videoSessions.lastActivityAt, new Date(at.getTime() - 60_000))));
}

export async function updateGuestsKnock(db: Executor, id: string, guestsKnock: boolean): Promise<void> {
  await db.update(videoSessions).set({ guestsKnock }).where(eq(videoSessions.id, id));
}
