import type { Db } from "@/lib/db/client";
import { enqueueAnalysis } from "@/modules/core/analysis/application/enqueue-analysis";
import { analysisQueueFromEnv } from "@/modules/core/analysis/infra/analysis-queue-from-env";
import type { SessionUser } from "@/modules/core/identity/domain/user";
import { webEnv } from "@/lib/env/web";
import { log } from "@/server/logger";
import { stopSessionRecordings } from "@/modules/core/recording/application/stop-session-recordings";
import { recorderFromEnv } from "@/modules/core/recording/infra/recorder-from-env";
import { ForbiddenError, ServiceUnavailableError } from "@/modules/core/shared/domain/errors";
import { roomName, type VideoSession } from "../domain/video-session";
import { findSessionBySlug, markEnded } from "../infra/session-repository";
import type { MediaServer } from "./media-server";
import { resolveAccess, sessionNotFound, type Access } from "./access";
import { closeRoom } from "./close-room";

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
  db: Db,
  media: MediaServer | null,
  input: { slug: string; user: SessionUser },
): Promise<VideoSession> {
  const session = await findSessionBySlug(db, input.slug);
  if (!session) throw sessionNotFound();
  const access = await resolveAccess(db, session, { user: input.user, guestId: null });
  if (!canEnd(session, access)) {
    throw new ForbiddenError("forbidden", "Only the host or a space admin can end this session.");
  }
  if (session.status !== "ENDED" && (await markEnded(db, session.id, new Date()))) {
    // Before the room closes, so the recorder finishes the file rather than losing the call.
    await stopSessionRecordings(db, { recorder: recorderFromEnv(webEnv(), db), log: log() }, session.id);
    await enqueueAnalysis(db, { queue: analysisQueueFromEnv(), log: log() }, session.id);
  }
  if (media) {
    try {
      await closeRoom(media, roomName(session));
    } catch (err) {
      const e = new ServiceUnavailableError(
        "media_unavailable",
        "The session has ended, but the call could not be closed yet. It will be closed shortly; you can also try again.",
      );
      e.cause = err;
      throw e;
    }
  }
  return (await findSessionBySlug(db, input.slug))!;
}
