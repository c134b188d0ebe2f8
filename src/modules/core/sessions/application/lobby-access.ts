import type { Executor } from "@/lib/db/client";
import type { SessionUser } from "@/modules/core/identity/domain/user";
import { ForbiddenError, NotFoundError } from "@/modules/core/shared/domain/errors";
import type { Knocker } from "../domain/knock";
import { roomName, type VideoSession } from "../domain/video-session";
import { listPresentIdentities } from "../infra/participant-repository";
import { findSessionBySlug } from "../infra/session-repository";
import { resolveAccess, sessionEnded, sessionNotFound, type Viewer } from "./access";
import { canEnd } from "./end-session";
import type { MediaServer } from "./media-server";

export const knockNotFound = () =>
  new NotFoundError("knock_not_found", "You have not asked to join this call, or the request was withdrawn.");

/**
 * Whose knock a viewer may read or withdraw: their account's when signed in (a guest cookie left
 * from before does not speak for them), else their guest cookie's.
 */
export function ownKnocker(viewer: Viewer): Knocker | null {
  if (viewer.user) return { kind: "user", userId: viewer.user.id };
  return viewer.guestId ? { kind: "guest", guestId: viewer.guestId } : null;
}

/**
 * The session whose lobby `user` manages: the host or an owner/admin of its space, the people who
 * may end it. Anyone else, a guest included, is refused; an ended session has no lobby.
 */
export async function sessionForAdmitter(
  db: Executor,
  input: { slug: string; user: SessionUser },
): Promise<VideoSession> {
  const session = await findSessionBySlug(db, input.slug);
  if (!session) throw sessionNotFound();
  const access = await resolveAccess(db, session, { user: input.user, guestId: null });
  if (!canEnd(session, access)) {
    throw new ForbiddenError("forbidden", "Only the host or a space admin can let people in.");
  }
  if (session.status === "ENDED") throw sessionEnded();
  return session;
}

/** Who is connected to the call now: the media server's list, or the participant rows without one. */
export async function connectedIdentities(
  db: Executor,
  media: MediaServer | null,
  session: Pick<VideoSession, "id" | "status">,
): Promise<Set<string>> {
  if (session.status !== "LIVE") return new Set();
  if (!media) return new Set(await listPresentIdentities(db, session.id));
  return new Set(await media.participantIdentities(roomName(session)));
}
