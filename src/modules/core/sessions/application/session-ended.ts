import type { Logger } from "pino";
import type { Db } from "@/lib/db/client";
import { enqueueAnalysis, type AnalysisQueue } from "@/modules/core/analysis";
import { stopSessionRecordings, type RecorderPort } from "@/modules/core/recording";
import { ServiceUnavailableError } from "@/modules/core/shared/domain/errors";
import { roomName } from "../domain/video-session";
import { closeRoom } from "./close-room";
import type { MediaServer } from "./media-server";

/** The ports the end of a session fans out to. */
export type SessionEndedDeps = {
  db: Db;
  media: MediaServer | null;
  recorder: RecorderPort | null;
  analysisQueue: AnalysisQueue;
  log: Logger;
};

/**
 * What follows once a session reads as ENDED, whoever ended it (the host, the media server's
 * `room_finished`, the idle sweep): its recordings stop, its analysis is queued, and its room is
 * closed, in that order, so the recorder finishes the file rather than losing the call. `finished`
 * says the media server has already closed the room. Call it after the transition has committed:
 * the analysis job must not run before the session reads as ended.
 */
export async function sessionEnded(
  deps: SessionEndedDeps,
  session: { id: string },
  room: "open" | "finished" = "open",
): Promise<void> {
  await stopSessionRecordings(deps.db, deps, session.id);
  await enqueueAnalysis(deps.db, { queue: deps.analysisQueue, log: deps.log }, session.id);
  if (room === "open" && deps.media) await closeSessionRoom(deps.media, session);
}

/**
 * Closes the room of an ended session (with closeRoom's retries); when that keeps failing, a 503
 * the host may retry: the idle sweep also closes rooms that outlived their session.
 */
export async function closeSessionRoom(media: MediaServer, session: { id: string }): Promise<void> {
  try {
    await closeRoom(media, roomName(session));
  } catch (err) {
    throw new ServiceUnavailableError(
      "media_unavailable",
      "The session has ended, but the call could not be closed yet. It will be closed shortly; you can also try again.",
      { cause: err },
    );
  }
}
