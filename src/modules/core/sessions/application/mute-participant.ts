import type { Executor } from "@/lib/db/client";
import type { SessionUser } from "@/modules/core/identity/domain/user";
import { MODERATION_TOPIC, type ModerationNotice } from "../domain/room-signals";
import { roomName } from "../domain/video-session";
import type { MediaServer } from "./media-server";
import { requireModerator, requireParticipant } from "./moderation";

/**
 * The host mutes someone's microphone, as in Meet: the media server mutes the published track
 * (remote unmute stays off, so only its owner can turn it back on) and tells them, from the server,
 * so their screen can say who did it. `muted: false` when they publish no microphone right now.
 */
export async function muteParticipant(
  db: Executor,
  media: MediaServer,
  input: { slug: string; user: SessionUser; identity: string },
): Promise<{ muted: boolean }> {
  const { session } = await requireModerator(db, input);
  const participant = await requireParticipant(db, session, input.identity);
  const room = roomName(session);
  const muted = await media.muteMicrophone(room, participant.identity);
  if (muted) {
    const notice: ModerationNotice = { type: "muted" };
    await media.notify(room, participant.identity, MODERATION_TOPIC, JSON.stringify(notice));
  }
  return { muted };
}
