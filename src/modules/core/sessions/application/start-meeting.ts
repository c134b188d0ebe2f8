import type { Db } from "@/lib/db/client";
import type { CaptionLanguages } from "@/modules/core/captions/domain/caption-languages";
import { createSpace } from "@/modules/core/spaces";
import type { VideoSession } from "../domain/video-session";
import { chooseMeetingSpace } from "./choose-meeting-space";
import { createSession } from "./create-session";

export type StartMeetingInput = {
  userId: string;
  /** The new session's title, in the user's language and time zone (the browser knows both). */
  title: string;
  /** The name of the space made for a user who has none yet. */
  firstSpaceName: string;
  uiLocale: string;
};

/**
 * The dashboard's one-click "New meeting": a session with the create form's defaults in the
 * space the user most likely means (chooseMeetingSpace). A user without any space gets their
 * first one now: asking a newcomer to make a space first is the detour the button removes.
 */
export async function startMeeting(
  db: Db,
  captions: CaptionLanguages,
  input: StartMeetingInput,
): Promise<{ session: VideoSession; space: { id: string; name: string; created: boolean } }> {
  const chosen = await chooseMeetingSpace(db, input.userId);
  const space = chosen ?? (await createSpace(db, { userId: input.userId, name: input.firstSpaceName }));
  const session = await createSession(db, captions, {
    userId: input.userId,
    spaceId: space.id,
    title: input.title,
    maxParticipants: null,
    transcriptionEnabled: true,
    uiLocale: input.uiLocale,
    allowGuests: false,
  });
  return { session, space: { id: space.id, name: space.name, created: chosen === null } };
}
