import type { Executor } from "@/lib/db/client";
import { ForbiddenError } from "@/modules/core/shared/domain/errors";
import { HAND_ATTRIBUTE } from "../domain/room-signals";
import { isJoinable, roomName } from "../domain/video-session";
import { findSessionBySlug } from "../infra/session-repository";
import { participantRemoved, resolveAccess, sessionEnded, sessionNotFound, type Viewer } from "./access";
import { canEnd } from "./end-session";
import type { MediaServer } from "./media-server";
import { requireParticipant } from "./moderation";

/**
 * Raises or lowers a hand. The hand is a participant attribute that only the server sets, stamped
 * with the server's time of the raise: whoever asks can raise or lower only their own (the identity
 * comes from their session cookie or guest cookie, never from the body), and only the host or a
 * space admin can lower someone else's. Nobody can raise another's.
 */
export async function setHand(
  db: Executor,
  media: MediaServer,
  input: { slug: string; viewer: Viewer; raised: boolean; identity?: string },
): Promise<{ identity: string; raisedAt: string | null }> {
  const session = await findSessionBySlug(db, input.slug);
  if (!session) throw sessionNotFound(input.viewer.user !== null);
  const access = await resolveAccess(db, session, input.viewer);
  if (!isJoinable(session.status)) throw sessionEnded();
  const target = input.identity ?? access.identity;
  if (target !== access.identity && (input.raised || !canEnd(session, access))) {
    throw new ForbiddenError("forbidden", "Only the host or a space admin can lower someone else's hand.");
  }
  if (!target) throw new ForbiddenError("join_required", "Join the session first.");
  const participant = await requireParticipant(db, session, target);
  if (participant.removedAt) throw participantRemoved();
  const raisedAt = input.raised ? new Date().toISOString() : null;
  await media.setAttributes(roomName(session), participant.identity, { [HAND_ATTRIBUTE]: raisedAt ?? "" });
  return { identity: participant.identity, raisedAt };
}
