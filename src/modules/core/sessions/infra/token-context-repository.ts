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
  participant: {
    identity: string;
    displayName: string;
    joinedWithinGrace: boolean;
    removed: boolean;
  } | null;
};

function buildQuery(db: Executor) {
  // Placeholders, not values: a null user id or identity simply matches no row.
  const userId = sql.placeholder("userId");
  return db
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
      removed: sql<boolean>`${participants.removedAt} is not null`,
      joinedWithinGrace: sql<boolean>`${participants.lastJoinedAt} > now() - make_interval(secs => ${sql.placeholder("graceSeconds")})`,
    })
    .from(videoSessions)
    .leftJoin(users, eq(users.id, userId))
    .leftJoin(
      spaceMembers,
      and(eq(spaceMembers.spaceId, videoSessions.spaceId), eq(spaceMembers.userId, userId)),
    )
    .leftJoin(
      participants,
      and(
        eq(participants.videoSessionId, videoSessions.id),
        eq(participants.identity, sql.placeholder("identity")),
      ),
    )
    .where(eq(videoSessions.slug, sql.placeholder("slug")))
    .prepare("sessions_token_context");
}

// Prepared once per database handle: the hot path skips building the SQL, and PostgreSQL skips
// parsing and planning it.
const prepared = new WeakMap<Executor, ReturnType<typeof buildQuery>>();

/**
 * Everything the token route needs in one round trip: the session by slug, whether the signed-in
 * user still exists, their role in the session's space, and the participant row of `identity`,
 * with whether its latest join is still within `graceMs` (database clock).
 */
export async function findTokenContext(
  db: Executor,
  input: { slug: string; userId: string | null; identity: string | null; graceMs: number },
): Promise<TokenContext | null> {
  let query = prepared.get(db);
  if (!query) prepared.set(db, (query = buildQuery(db)));
  const [row] = await query.execute({
    slug: input.slug,
    userId: input.userId,
    identity: input.identity,
    graceSeconds: input.graceMs / 1000,
  });
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
        ? {
            identity: row.identity,
            displayName: row.displayName,
            joinedWithinGrace: row.joinedWithinGrace,
            removed: row.removed,
          }
        : null,
  };
}
