import type { Executor } from "@/lib/db/client";
import { ForbiddenError } from "@/modules/core/shared/domain/errors";
import { isJoinable, roomName } from "../domain/video-session";
import { findParticipant } from "../infra/participant-repository";
import { findSessionBySlug, touchSession } from "../infra/session-repository";
import type { MediaServer } from "./media-server";
import { resolveAccess, sessionEnded, sessionNotFound, type Viewer } from "./access";

export type IssuedToken = { token: string; url: string; identity: string; expiresAt: Date };

/**
 * A LiveKit access token for someone who has joined: room = the session, identity = the
 * participant, roomAdmin only for the host. Access is re-checked, so a removed member or an
 * ended session gets no new token.
 */
export async function issueToken(
  db: Executor,
  media: MediaServer,
  input: { slug: string; viewer: Viewer },
): Promise<IssuedToken> {
  const session = await findSessionBySlug(db, input.slug);
  if (!session) throw sessionNotFound();
  const access = await resolveAccess(db, session, input.viewer);
  if (!isJoinable(session.status)) throw sessionEnded();
  const participant = access.identity ? await findParticipant(db, session.id, access.identity) : null;
  if (!participant)
    throw new ForbiddenError("join_required", "Join the session before asking for a media token.");
  const { token, expiresAt } = await media.issueToken({
    room: roomName(session),
    identity: participant.identity,
    name: participant.displayName,
    isHost: participant.role === "HOST",
    metadata: JSON.stringify({ role: participant.role }),
  });
  await touchSession(db, session.id);
  return { token, url: media.clientUrl, identity: participant.identity, expiresAt };
}
