import { randomUUID } from "node:crypto";
import type { Db, Executor } from "@/lib/db/client";
import {
  ConflictError,
  ForbiddenError,
  RateLimitedError,
  ServiceUnavailableError,
  UnprocessableError,
} from "@/modules/core/shared/domain/errors";
import {
  guestIdentity,
  isJoinable,
  roomName,
  type Participant,
  type VideoSession,
} from "../domain/video-session";
import { findKnockOf } from "../infra/knock-repository";
import { findParticipant, upsertParticipant } from "../infra/participant-repository";
import { findSessionById, findSessionBySlug, markLive, touchSession } from "../infra/session-repository";
import { participantRemoved, resolveAccess, sessionEnded, sessionNotFound, type Viewer } from "./access";
import { closeRoom } from "./close-room";
import type { MediaServer } from "./media-server";
import { requireSeat } from "./seats";

export type JoinResult = { session: VideoSession; participant: Participant; guestId: string | null };

export type JoinInput = {
  slug: string;
  viewer: Viewer;
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
    const displayName = access.userId ? (input.displayName ?? input.viewer.user!.name) : input.displayName;
    if (!displayName) {
      throw new UnprocessableError("display_name_required", "Enter a display name to join as a guest.");
    }
    const lobby = access.userId ? "member" : await lobbyStanding(tx, session, input.viewer.guestId);
    // The host lets every guest in: only one already in the call or admitted passes without asking.
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
 * Where an anonymous guest stands with the lobby: in the call before or admitted (no cap), new
 * (the per-address cap applies), a cookie from another call (not counted; asks first where every
 * guest does), or still asking / refused (no entry). A guest who has knocked joins only once
 * admitted, so the cookie a knock hands out is no way round the lobby.
 */
async function lobbyStanding(
  db: Executor,
  session: Pick<VideoSession, "id" | "guestsKnock">,
  guestId: string | null,
): Promise<"returning" | "admitted" | "new" | "stranger"> {
  if (!guestId) return "new";
  if (await findParticipant(db, session.id, guestIdentity(guestId))) return "returning";
  const knock = await findKnockOf(db, session.id, guestId);
  if (!knock) return "stranger";
  switch (knock.status) {
    case "ADMITTED":
      return "admitted";
    case "WAITING":
      throw new ConflictError("lobby_waiting", "Wait for the host to let you in.");
    case "DENIED":
      throw new ForbiddenError("lobby_denied", "The host did not let you into this call.");
    case "CANCELLED":
      throw session.guestsKnock ? hostAdmitsGuests() : knockRequired();
  }
}

/** `details.reason` tells the two apart: clients knock on the code either way. */
const knockRequired = () =>
  new ConflictError(
    "knock_required",
    "Many guests from your network joined already: ask the host to let you in.",
    {
      details: { reason: "guest_limit" },
    },
  );
const hostAdmitsGuests = () =>
  new ConflictError("knock_required", "The host lets guests in: ask to join and wait.", {
    details: { reason: "host_admits_guests" },
  });

async function walkIn(admitNewGuest: JoinInput["admitNewGuest"]): Promise<void> {
  try {
    await admitNewGuest?.();
  } catch (err) {
    if (err instanceof RateLimitedError) throw knockRequired();
    throw err;
  }
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
