import type { Db } from "@/lib/db/client";
import { ForbiddenError } from "@/modules/core/shared/domain/errors";
import { guestIdentity, isJoinable, roomName, userIdentity } from "../domain/video-session";
import { touchSessionIfStale } from "../infra/session-repository";
import { findTokenContext } from "../infra/token-context-repository";
import { accessFor, participantRemoved, sessionEnded, sessionNotFound } from "./access";
import type { MediaServer } from "./media-server";
import { JOIN_GRACE_MS, requireSeat } from "./seats";

export type IssuedToken = { token: string; url: string; identity: string; expiresAt: Date };

const ACTIVITY_WRITE_INTERVAL_MS = 60_000;

/**
 * A LiveKit access token for someone who has joined: room = the session, identity = the
 * participant, no room-admin rights for anyone (host tools go through the server). Access is re-checked (a removed member or an ended
 * session gets no new token) and so is the seat, once the join's grace period is over. The hot
 * path is one query; session activity is written at most once a minute.
 */
export async function issueToken(
  db: Db,
  media: MediaServer,
  input: { slug: string; userId: string | null; guestId: string | null },
): Promise<IssuedToken> {
  const lookup = (userId: string | null) =>
    findTokenContext(db, {
      slug: input.slug,
      userId,
      identity: userId ? userIdentity(userId) : input.guestId ? guestIdentity(input.guestId) : null,
      graceMs: JOIN_GRACE_MS,
    });
  let ctx = await lookup(input.userId);
  // A cookie of a deleted user: signed out, so they are whoever their guest cookie says.
  if (ctx && input.userId && !ctx.userExists) ctx = await lookup(null);
  const userId = ctx?.userExists ? input.userId : null;
  if (!ctx) throw sessionNotFound(input.userId !== null);

  const { session, participant } = ctx;
  const access = accessFor(session, { userId, spaceRole: ctx.spaceRole, guestId: input.guestId });
  if (!isJoinable(session.status)) throw sessionEnded();
  if (!participant || participant.identity !== access.identity)
    throw new ForbiddenError("join_required", "Join the session before asking for a media token.");
  // Removed by the host: the link and a fresh token must not bring them back into this session.
  if (participant.removed) throw participantRemoved();
  if (!participant.joinedWithinGrace) {
    await requireSeat(db, media, { session, identity: participant.identity, role: access.role });
  }
  const { token, expiresAt } = await media.issueToken({
    room: roomName(session),
    identity: participant.identity,
    name: participant.displayName,
    metadata: JSON.stringify({ role: access.role }),
  });
  const now = new Date();
  if (now.getTime() - session.lastActivityAt.getTime() >= ACTIVITY_WRITE_INTERVAL_MS) {
    await touchSessionIfStale(db, session.id, now);
  }
  return { token, url: media.clientUrl, identity: participant.identity, expiresAt };
}
