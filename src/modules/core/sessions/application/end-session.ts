import type { SessionUser } from "@/modules/core/identity/domain/user";
import { ForbiddenError } from "@/modules/core/shared/domain/errors";
import type { VideoSession } from "../domain/video-session";
import { findSessionBySlug, markEnded } from "../infra/session-repository";
import { resolveAccess, sessionNotFound, type Access } from "./access";
import { closeSessionRoom, sessionEnded, type SessionEndedDeps } from "./session-ended";

/** The host (a creator who is still a member) or an owner/admin of the session's space may end it. */
export function canEnd(session: VideoSession, access: Access): boolean {
  return access.role === "HOST" || access.spaceRole === "OWNER" || access.spaceRole === "ADMIN";
}

/**
 * Ends the session for everyone: ENDED in the database first (so no new token is issued), then the
 * LiveKit room is deleted, which disconnects every participant. Ending again is allowed and closes
 * the room again, so a host whose first attempt could not reach the media server can retry.
 */
export async function endSession(
  deps: SessionEndedDeps,
  input: { slug: string; user: SessionUser },
): Promise<VideoSession> {
  const { db, media } = deps;
  const session = await findSessionBySlug(db, input.slug);
  if (!session) throw sessionNotFound();
  const access = await resolveAccess(db, session, { user: input.user, guestId: null });
  if (!canEnd(session, access)) {
    throw new ForbiddenError("forbidden", "Only the host or a space admin can end this session.");
  }
  if (session.status !== "ENDED" && (await markEnded(db, session.id, new Date()))) {
    await sessionEnded(deps, session);
  } else if (media) {
    await closeSessionRoom(media, session);
  }
  return (await findSessionBySlug(db, input.slug))!;
}
