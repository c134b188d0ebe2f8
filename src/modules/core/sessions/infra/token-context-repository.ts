import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { users } from "@/lib/db/schema/identity";
import { participants, videoSessions } from "@/lib/db/schema/sessions";
import { spaceMembers } from "@/lib/db/schema/spaces";
import type { SpaceRole } from "@/modules/core/spaces/domain/space";
import type { VideoSession } from "../domain/video-session";

export type TokenContext = {
  session: Pick<
    VideoSession,
    "id" | "status" | "spaceId" | "createdByUserId" | "allowGuests" | "maxParticipants" | "lastActivityAt"
  >;
  /** Whether `userId` still names a user. */
  userExists: boolean;
  spaceRole: SpaceRole | null;
  participant: { identity: string; displayName: string; joinedWithinGrace: boolean } | null;
};

/**
 * Everything the token route needs in one round trip: the session by slug, whether the signed-in
 * user still exists, their role in the session's space, and the participant row of `identity`,
 * with whether its latest join is still within `graceMs` (database clock).
 */
export async function findTokenContext(
  db: Executor,
  input: { slug: string; userId: string | null; identity: string | null; graceMs: number },
): Promise<TokenContext | null> {
  const { userId, identity } = input;
  const [row] = await db
    .select({
      id: videoSessions.id,
      status: videoSessions.status,
      spaceId: videoSessions.spaceId,
      createdByUserId: videoSessions.createdByUserId,
      allowGuests: videoSessions.allowGuests,
      maxParticipants: videoSessions.maxParticipants,
      lastActivityAt: videoSessions.lastActivityAt,
      userId: users.id,
      spaceRole: spaceMembers.role,
      identity: participants.identity,
      displayName: participants.displayName,
      joinedWithinGrace: sql<boolean>`${participants.lastJoinedAt} > now() - make_interval(secs => ${input.graceMs / 1000})`,
    })
    .from(videoSessions)
    .leftJoin(users, userId ? eq(users.id, userId) : sql`false`)
    .leftJoin(
      spaceMembers,
      userId
        ? and(eq(spaceMembers.spaceId, videoSessions.spaceId), eq(spaceMembers.userId, userId))
        : sql`false`,
    )
    .leftJoin(
      participants,
      identity
        ? and(eq(participants.videoSessionId, videoSessions.id), eq(participants.identity, identity))
        : sql`false`,
    )
    .where(eq(videoSessions.slug, input.slug));
  if (!row) return null;
  return {
    session: {
      id: row.id,
      status: row.status,
      spaceId: row.spaceId,
      createdByUserId: row.createdByUserId,
      allowGuests: row.allowGuests,
      maxParticipants: row.maxParticipants,
      lastActivityAt: row.lastActivityAt,
    },
    userExists: row.userId !== null,
    spaceRole: row.spaceRole,
    participant:
      row.identity && row.displayName !== null
        ? { identity: row.identity, displayName: row.displayName, joinedWithinGrace: row.joinedWithinGrace }
        : null,
  };
}
