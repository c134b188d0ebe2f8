import type { Executor } from "@/lib/db/client";
import type { SessionUser } from "@/modules/core/identity/domain/user";
import { ConflictError, NotFoundError, UnauthenticatedError } from "@/modules/core/shared/domain/errors";
import { findRole } from "@/modules/core/spaces/infra/space-repository";
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

export const sessionNotFound = () => new NotFoundError("session_not_found", "Session not found.");
export const sessionEnded = () =>
  new ConflictError("session_ended", "This session has ended. Ask the host for a new link.");

/**
 * Members of the session's space join as themselves (the creator as HOST). Everyone else gets in
 * only through a link that allows guests; otherwise a signed-in outsider sees a 404, exactly as for
 * a session that does not exist, and an anonymous visitor is asked to sign in.
 */
export async function resolveAccess(db: Executor, session: VideoSession, viewer: Viewer): Promise<Access> {
  const spaceRole = viewer.user ? await findRole(db, session.spaceId, viewer.user.id) : null;
  if (viewer.user && (spaceRole || session.allowGuests)) {
    return {
      identity: userIdentity(viewer.user.id),
      role: session.createdByUserId === viewer.user.id ? "HOST" : "GUEST",
      spaceRole,
      userId: viewer.user.id,
    };
  }
  if (viewer.user) throw sessionNotFound();
  if (!session.allowGuests) throw new UnauthenticatedError("Sign in to join this session.");
  return {
    identity: viewer.guestId ? guestIdentity(viewer.guestId) : "",
    role: "GUEST",
    spaceRole: null,
    userId: null,
  };
}
