import type { Db } from "@/lib/db/client";
import { roomName } from "../domain/video-session";
import { countPresent } from "../infra/participant-repository";
import { findStaleLiveSessions, markEnded, touchSession } from "../infra/session-repository";
import type { MediaServer } from "./media-server";

/**
 * Ends LIVE sessions that nobody has been in for `idleMs`. Who is "in" comes from the media server
 * when there is one: a participant row can say present for someone who joined but never connected,
 * or whose departure webhook was lost. A stale session that still has people in its room is only
 * marked active again. Safe on every web instance at once: markEnded transitions once.
 */
export async function sweepIdleSessions(
  db: Db,
  media: MediaServer | null,
  input: { idleMs: number; now?: Date },
): Promise<string[]> {
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
      await media?.deleteRoom(roomName({ id })).catch(() => undefined);
    }
  }
  return ended;
}
