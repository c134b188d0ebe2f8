import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { ConflictError, UnprocessableError } from "@/modules/core/shared/domain/errors";
import { guestIdentity, isJoinable, type Participant, type VideoSession } from "../domain/video-session";
import { countPresent, upsertParticipant } from "../infra/participant-repository";
import { findSessionBySlug, markLive, touchSession } from "../infra/session-repository";
import { resolveAccess, sessionEnded, sessionNotFound, type Viewer } from "./access";

export type JoinResult = { session: VideoSession; participant: Participant; guestId: string | null };

/**
 * upsertParticipantOnJoin: records (or refreshes) who is joining and starts the session on the
 * first join. The session row is locked so the max-participants check cannot be raced past.
 */
export async function joinSession(
  db: Db,
  input: { slug: string; viewer: Viewer; displayName?: string },
): Promise<JoinResult> {
  return db.transaction(async (tx) => {
    const session = await findSessionBySlug(tx, input.slug, { forUpdate: true });
    if (!session) throw sessionNotFound();
    const access = await resolveAccess(tx, session, input.viewer);
    if (!isJoinable(session.status)) throw sessionEnded();

    let guestId: string | null = null;
    let identity = access.identity;
    if (!access.userId) {
      guestId = input.viewer.guestId ?? randomUUID();
      identity = guestIdentity(guestId);
    }
    const displayName = access.userId ? (input.displayName ?? input.viewer.user!.name) : input.displayName;
    if (!displayName) {
      throw new UnprocessableError("display_name_required", "Enter a display name to join as a guest.");
    }
    if (
      session.maxParticipants !== null &&
      (await countPresent(tx, session.id, identity)) >= session.maxParticipants
    ) {
      throw new ConflictError("session_full", `This session is full (${session.maxParticipants} people).`);
    }
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
}
