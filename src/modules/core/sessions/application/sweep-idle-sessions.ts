import type { Logger } from "pino";
import type { Db } from "@/lib/db/client";
import { ServiceUnavailableError } from "@/modules/core/shared/domain/errors";
import { roomName } from "../domain/video-session";
import { countPresent } from "../infra/participant-repository";
import {
  findRecentlyEndedSessionIds,
  findStaleLiveSessions,
  markEnded,
  touchSession,
} from "../infra/session-repository";
import type { MediaServer } from "./media-server";
import { sessionEnded, type SessionEndedDeps } from "./session-ended";

// Rooms can outlive their session only through a failed delete or a join racing the end, so
// looking back a day is ample.
const LEFTOVER_WINDOW_MS = 24 * 60 * 60_000;

/**
 * Ends LIVE sessions that nobody has been in for `idleMs`. Who is "in" comes from the media server
 * when there is one: a participant row can say present for someone who joined but never connected,
 * or whose departure webhook was lost. A stale session that still has people in its room is only
 * marked active again. Then closes rooms that still exist for recently ended sessions. Safe on
 * every web instance at once: markEnded transitions once, and deleting a room twice is harmless.
 */
export async function sweepIdleSessions(
  deps: SessionEndedDeps & { log: Pick<Logger, "warn"> },
  input: { idleMs: number; now?: Date },
): Promise<string[]> {
  const { db, media } = deps;
  const now = input.now ?? new Date();
  const stale = await findStaleLiveSessions(db, new Date(now.getTime() - input.idleMs));
  const ended: string[] = [];
  for (const { id } of stale) {
    const present = media ? await media.countParticipants(roomName({ id })) : await countPresent(db, id);
    if (present > 0) {
      await touchSession(db, id, now);
      continue;
    }
    if (await markEnded(db, id, now)) {
      ended.push(id);
      // A room that would not close is closed by the leftover pass below, or by the next sweep.
      await sessionEnded(deps, { id }).catch((err: unknown) => {
        if (!(err instanceof ServiceUnavailableError)) throw err;
      });
    }
  }
  if (media) await closeLeftoverRooms(deps, media, new Date(now.getTime() - LEFTOVER_WINDOW_MS));
  return ended;
}

/** Rooms of sessions ended since `since` that the media server still has: deleted. */
export async function closeLeftoverRooms(
  { db, log }: { db: Db; log: Pick<Logger, "warn"> },
  media: MediaServer,
  since: Date,
): Promise<string[]> {
  const endedIds = await findRecentlyEndedSessionIds(db, since);
  const leftover = await media.existingRooms(endedIds.map((id) => roomName({ id })));
  for (const room of leftover) {
    await media.deleteRoom(room);
    log.warn({ room }, "closed a room that outlived its session");
  }
  return leftover;
}
