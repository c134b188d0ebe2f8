import type { Executor } from "@/lib/db/client";
import type { SessionUser } from "@/modules/core/identity/domain/user";
import { UnprocessableError } from "@/modules/core/shared/domain/errors";
import { roomName } from "../domain/video-session";
import { markRemoved } from "../infra/participant-repository";
import type { MediaServer } from "./media-server";
import { requireModerator, requireParticipant } from "./moderation";

/**
 * The host removes someone from the call. The row is marked removed first, so neither a join nor
 * a media token lets that identity back into this session (issue-token.ts, join-session.ts), then
 * the media server disconnects them (their screen reads LiveKit's PARTICIPANT_REMOVED).
 */
export async function removeParticipant(
  db: Executor,
  media: MediaServer,
  input: { slug: string; user: SessionUser; identity: string },
): Promise<void> {
  const { session, access } = await requireModerator(db, input);
  if (input.identity === access.identity) {
    throw new UnprocessableError("cannot_remove_self", "Leave the call instead of removing yourself.");
  }
  const participant = await requireParticipant(db, session, input.identity);
  await markRemoved(db, session.id, participant.identity, new Date());
  await media.removeParticipant(roomName(session), participant.identity);
}
