import type { MediaServer } from "./media-server";

/** Waits before each retry; the last failure is thrown. */
const RETRY_DELAYS_MS = [200, 800, 2000];

/**
 * Deletes a room, retrying with backoff: once a session has ended its room must not stay live.
 * If every attempt fails the last error is thrown (the caller reports it), and the idle sweeper
 * closes the room later: it looks for rooms of recently ended sessions that still exist.
 */
export async function closeRoom(
  media: MediaServer,
  room: string,
  delaysMs: readonly number[] = RETRY_DELAYS_MS,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await media.deleteRoom(room);
      return;
    } catch (err) {
      const delay = delaysMs[attempt];
      if (delay === undefined) throw err;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
