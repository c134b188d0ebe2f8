import type { Executor } from "@/lib/db/client";
import type { SessionUser } from "@/modules/core/identity/domain/user";
import { ForbiddenError, NotFoundError } from "@/modules/core/shared/domain/errors";
import { isJoinable, type Participant, type VideoSession } from "../domain/video-session";
import { findParticipant } from "../infra/participant-repository";
import { findSessionBySlug } from "../infra/session-repository";
import { resolveAccess, sessionEnded, sessionNotFound, type Access } from "./access";
import { canEnd } from "./end-session";

/**
 * The host (or an owner/admin of the space) of a session that is still open: who may mute, remove
 * or lower the hand of another participant. Everyone else gets 403 `forbidden`.
 */
export async function requireModerator(
  db: Executor,
  input: { slug: string; user: SessionUser },
): Promise<{ session: VideoSession; access: Access }> {
  const session = await findSessionBySlug(db, input.slug);
  if (!session) throw sessionNotFound();
  const access = await resolveAccess(db, session, { user: input.user, guestId: null });
  if (!canEnd(session, access)) {
    throw new ForbiddenError("forbidden", "Only the host or a space admin can do this.");
  }
  if (!isJoinable(session.status)) throw sessionEnded();
  return { session, access };
}

/** The participant of this session with `identity`; one who never joined it is a 404. */
export async function requireParticipant(
  db: Executor,
  session: VideoSession,
  identity: string,
): Promise<Participant> {
  const participant = await findParticipant(db, session.id, identity);
  if (!participant) throw new NotFoundError("participant_not_found", "No such participant in this session.");
  return participant;
}
