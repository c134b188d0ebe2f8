import type { Db } from "@/lib/db/client";
import { roomName } from "../domain/video-session";
import { findIdleLiveSessions, markEnded } from "../infra/session-repository";
import type { MediaServer } from "./media-server";

/**
 * Ends LIVE sessions that nobody has been in for `idleMs`. Safe to run on every web instance at
 * once: markEnded only transitions once, and only that caller deletes the room.
 */
export async function sweepIdleSessions(
  db: Db,
  media: MediaServer | null,
  input: { idleMs: number; now?: Date },
): Promise<string[]> {
  const now = input.now ?? new Date();
  const idle = await findIdleLiveSessions(db, new Date(now.getTime() - input.idleMs));
  const ended: string[] = [];
  for (const { id } of idle) {
    if (await markEnded(db, id, now)) {
      ended.push(id);
      await media?.deleteRoom(roomName({ id })).catch(() => undefined);
    }
  }
  return ended;
}
