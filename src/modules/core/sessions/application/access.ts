import type { Executor } from "@/lib/db/client";
import type { SessionUser } from "@/modules/core/identity/domain/user";
import { ConflictError, ForbiddenError, NotFoundError } from "@/modules/core/shared/domain/errors";
import { findRole } from "@/modules/core/spaces";
import type { SpaceRole } from "@/modules/core/spaces/domain/space";
import {
  guestIdentity,
  userIdentity,
  type ParticipantRole,
  type VideoSession,
} from "../domain/video-session";

/** Who is looking at a session: a signed-in user, an anonymous guest (cookie id), or both unknown. */
export type Viewer = { user: SessionUser | null; guestId: string | null };

export type Access = {
  identity: string;
  role: ParticipantRole;
  spaceRole: SpaceRole | null;
  userId: string | null;
};

/**
 * One answer for "no such session" and "not for you": anonymous visitors get the sign-in hint
 * either way, so it tells them nothing about whether a members-only session exists.
 */
export const sessionNotFound = (signedIn = true) =>
  signedIn
    ? new NotFoundError("session_not_found", "Session not found.")
    : new NotFoundError(
        "session_not_found",
        "Session not found. If you were invited to a members-only session, sign in to see it.",
      );
export const sessionEnded = () =>
  new ConflictError("session_ended", "This session has ended. Ask the host for a new link.");

export const participantRemoved = () =>
  new ForbiddenError("participant_removed", "The host removed you from this session.");

type AccessSession = Pick<VideoSession, "createdByUserId" | "allowGuests">;

/**
 * Members of the session's space join as themselves; the creator is HOST only while still a
 * member (one who left or was removed keeps no host powers, even on a link open to guests).
 * Everyone else gets in only through a link that allows guests; otherwise they get the same 404
 * as for a session that does not exist.
 */
export function accessFor(
  session: AccessSession,
  viewer: { userId: string | null; spaceRole: SpaceRole | null; guestId: string | null },
): Access {
  const { userId, spaceRole } = viewer;
  if (userId && (spaceRole || session.allowGuests)) {
    return {
      identity: userIdentity(userId),
      role: spaceRole && session.createdByUserId === userId ? "HOST" : "GUEST",
      spaceRole,
      userId,
    };
  }
  if (!session.allowGuests) throw sessionNotFound(userId !== null);
  return {
    identity: viewer.guestId ? guestIdentity(viewer.guestId) : "",
    role: "GUEST",
    spaceRole: null,
    userId: null,
  };
}

export async function resolveAccess(db: Executor, session: VideoSession, viewer: Viewer): Promise<Access> {
  const userId = viewer.user?.id ?? null;
  const spaceRole = userId ? await findRole(db, session.spaceId, userId) : null;
  return accessFor(session, { userId, spaceRole, guestId: viewer.guestId });
}
