import type { Executor } from "@/lib/db/client";
import { ConflictError, ServiceUnavailableError } from "@/modules/core/shared/domain/errors";
import { findRole } from "@/modules/core/spaces";
import { roomName, userIdentity, type ParticipantRole, type VideoSession } from "../domain/video-session";
import { listPresentIdentities, listRecentJoinIdentities } from "../infra/participant-repository";
import type { MediaServer } from "./media-server";

/** How long a join holds a seat for someone who has not connected to the room yet. */
export const JOIN_GRACE_MS = 60_000;

type SeatSession = Pick<VideoSession, "id" | "spaceId" | "createdByUserId" | "maxParticipants">;

export const sessionFull = (max: number) =>
  new ConflictError("session_full", `This session is full (${max} people).`);

/**
 * Who holds a seat: everyone connected to the room (the media server's view), plus joins from the
 * last minute (database clock) that have not connected yet. A join that never connects stops counting after the
 * grace period, so abandoned or scripted joins cannot fill a session. Without a media server
 * there is no call to connect to, and the participant rows decide.
 */
async function seated(db: Executor, media: MediaServer | null, session: SeatSession) {
  if (!media) return new Set(await listPresentIdentities(db, session.id));
  let connected: string[];
  try {
    connected = await media.participantIdentities(roomName(session));
  } catch (err) {
    throw new ServiceUnavailableError("media_unavailable", "The media server is not answering.", {
      cause: err,
    });
  }
  const recent = await listRecentJoinIdentities(db, session.id, JOIN_GRACE_MS);
  return new Set([...connected, ...recent]);
}

/**
 * Throws session_full unless `identity` may take (or already holds) a seat. The host is never
 * turned away, and while the host (a creator who is still a member) is not in, one seat is kept
 * free for them, so guests cannot lock the host out of their own session.
 */
export async function requireSeat(
  db: Executor,
  media: MediaServer | null,
  input: { session: SeatSession; identity: string; role: ParticipantRole },
): Promise<void> {
  const { session, identity } = input;
  const max = session.maxParticipants;
  if (max === null || input.role === "HOST") return;
  const taken = await seated(db, media, session);
  if (taken.has(identity)) return;
  const hostIdentity = userIdentity(session.createdByUserId);
  const reserveForHost =
    !taken.has(hostIdentity) && (await findRole(db, session.spaceId, session.createdByUserId)) !== null;
  if (taken.size + (reserveForHost ? 1 : 0) >= max) throw sessionFull(max);
}
