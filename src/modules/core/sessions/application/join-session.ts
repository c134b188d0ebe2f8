import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { ServiceUnavailableError, UnprocessableError } from "@/modules/core/shared/domain/errors";
import {
  guestIdentity,
  isJoinable,
  roomName,
  type Participant,
  type VideoSession,
} from "../domain/video-session";
import { findParticipant, upsertParticipant } from "../infra/participant-repository";
import { findSessionById, findSessionBySlug, markLive, touchSession } from "../infra/session-repository";
import { participantRemoved, resolveAccess, sessionEnded, sessionNotFound, type Viewer } from "./access";
import { closeRoom } from "./close-room";
import { hostAdmitsGuests, lobbyStanding, walkIn } from "./lobby-standing";
import type { MediaServer } from "./media-server";
import { requireSeat } from "./seats";

export type JoinResult = { session: VideoSession; participant: Participant; guestId: string | null };

export type JoinInput = {
  slug: string;
  viewer: Viewer;
  /** An anonymous guest's chosen name; ignored for a signed-in person (their account name). */
  displayName?: string;
  /**
   * Called before a new anonymous guest is created (not for a returning or admitted guest): the
   * per-client cap on walking straight in; past it (RateLimitedError) the guest knocks instead.
   */
  admitNewGuest?: () => Promise<void>;
};

/**
 * upsertParticipantOnJoin: records (or refreshes) who is joining, starts the session on the first
 * join and makes sure its room exists on the media server. The session row is locked so the seat
 * check cannot be raced past.
 */
export async function joinSession(db: Db, media: MediaServer | null, input: JoinInput): Promise<JoinResult> {
  const joined = await db.transaction(async (tx) => {
    const session = await findSessionBySlug(tx, input.slug, { forUpdate: true });
    if (!session) throw sessionNotFound(input.viewer.user !== null);
    const access = await resolveAccess(tx, session, input.viewer);
    if (!isJoinable(session.status)) throw sessionEnded();

    let guestId: string | null = null;
    let identity = access.identity;
    if (!access.userId) {
      guestId = input.viewer.guestId ?? randomUUID();
      identity = guestIdentity(guestId);
    }
    // Removed by the host: the same link does not bring them back into this session.
    if ((await findParticipant(tx, session.id, identity))?.removedAt) throw participantRemoved();
    // A signed-in person is their account's name: a name in the request would let them appear as
    // someone else (the host admits an outsider by that name, everyone reads it in the call).
    const displayName = access.userId ? input.viewer.user!.name : input.displayName;
    if (!displayName) {
      throw new UnprocessableError("display_name_required", "Enter a display name to join as a guest.");
    }
    const lobby = await lobbyStanding(tx, session, access, input.viewer.guestId);
    // The host admits everyone from outside the space: only one already in the call or admitted
    // passes without asking, signed in or not.
    if (session.guestsKnock && (lobby === "new" || lobby === "stranger")) throw hostAdmitsGuests();
    await requireSeat(tx, media, { session, identity, role: access.role });
    // Charged only when a seat is given, so a full session does not use up a client's allowance.
    if (lobby === "new") await walkIn(input.admitNewGuest);
    const participant = await upsertParticipant(tx, {
      videoSessionId: session.id,
      userId: access.userId,
      identity,
      displayName,
      role: access.role,
    });
    const now = new Date();
    await markLive(tx, session.id, now);
    await touchSession(tx, session.id, now);
    return { session, participant, guestId };
  });
  if (media) await openRoom(db, media, joined.session);
  return joined;
}

/**
 * Rooms are created by the app, never by a connecting client. Idempotent, so every join also
 * heals a room the media server lost. If the session was ended while this ran, the room goes again.
 */
async function openRoom(db: Db, media: MediaServer, session: VideoSession): Promise<void> {
  try {
    await media.createRoom(roomName(session), { maxParticipants: session.maxParticipants });
  } catch (err) {
    throw new ServiceUnavailableError("media_unavailable", "The media server is not answering.", {
      cause: err,
    });
  }
  if ((await findSessionById(db, session.id))?.status === "ENDED") {
    await closeRoom(media, roomName(session));
    throw sessionEnded();
  }
}
