import { and, eq, inArray, max, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { participants, videoSessions } from "@/lib/db/schema/sessions";

/**
 * Of `spaceIds`, the one where the user last created or joined a session; null when they have
 * used none of them yet.
 */
export async function lastUsedSpace(
  db: Executor,
  userId: string,
  spaceIds: string[],
): Promise<string | null> {
  if (spaceIds.length === 0) return null;
  const joined = db
    .select({ spaceId: videoSessions.spaceId, at: max(participants.lastJoinedAt).as("at") })
    .from(participants)
    .innerJoin(videoSessions, eq(videoSessions.id, participants.videoSessionId))
    .where(and(eq(participants.userId, userId), inArray(videoSessions.spaceId, spaceIds)))
    .groupBy(videoSessions.spaceId);
  const created = db
    .select({ spaceId: videoSessions.spaceId, at: max(videoSessions.createdAt).as("at") })
    .from(videoSessions)
    .where(and(eq(videoSessions.createdByUserId, userId), inArray(videoSessions.spaceId, spaceIds)))
    .groupBy(videoSessions.spaceId);
  const used = joined.unionAll(created).as("used");
  const [row] = await db
    .select({ spaceId: used.spaceId })
    .from(used)
    .orderBy(sql`${used.at} desc`)
    .limit(1);
  return row?.spaceId ?? null;
}
