import { randomInt } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { UnprocessableError } from "@/modules/core/shared/domain/errors";
import { requireMembership } from "@/modules/core/spaces";
import {
  defaultCaptionLanguage,
  supportsCaptionLanguage,
  type CaptionLanguages,
} from "@/modules/core/captions/domain/caption-languages";
import type { VideoSession } from "../domain/video-session";
import { insertSession } from "../infra/session-repository";

export type CreateSessionInput = {
  userId: string;
  spaceId: string;
  title: string;
  maxParticipants: number | null;
  transcriptionEnabled: boolean;
  /** Unset: the UI language when the recognizer can do it, else English (defaultCaptionLanguage). */
  transcriptionLanguage?: string;
  /** The requester's UI language, for the default. */
  uiLocale: string;
  allowGuests: boolean;
  /** Every guest knocks first; stored off when guests are not allowed. */
  guestsKnock?: boolean;
  /** False: nobody can record this call (default: allowed). */
  recordingAllowed?: boolean;
};

const LETTERS = "abcdefghijkmnopqrstuvwxyz";

/** Meeting-code style slug (`abc-defg-hij`): easy to read aloud, ~1.4e14 possibilities. */
export function newSlug(): string {
  const pick = (n: number) => Array.from({ length: n }, () => LETTERS[randomInt(LETTERS.length)]).join("");
  return `${pick(3)}-${pick(4)}-${pick(3)}`;
}

/**
 * `captions`: what this deployment's recognizer can do. A language outside it is refused (422
 * caption_language_unsupported) rather than stored with a warning: a session whose captions could
 * never work is a mistake the creator can fix now, and scripts learn it from the code too. Without
 * any recognizer (no languages at all) nothing is refused: the call says captions are unavailable.
 */
export async function createSession(
  db: Db,
  captions: CaptionLanguages,
  input: CreateSessionInput,
): Promise<VideoSession> {
  await requireMembership(db, input.spaceId, input.userId);
  const {
    userId,
    recordingAllowed = true,
    guestsKnock = false,
    uiLocale,
    transcriptionLanguage,
    ...rest
  } = input;
  const language = transcriptionLanguage ?? defaultCaptionLanguage(captions, uiLocale);
  if (captions.languages.length > 0 && !supportsCaptionLanguage(captions, language)) {
    throw new UnprocessableError(
      "caption_language_unsupported",
      `This server's speech recognizer cannot caption "${language}"; it can do: ${[
        ...captions.languages,
        ...(captions.autoDetect ? ["auto"] : []),
      ].join(", ")}.`,
      { details: { languages: captions.languages, autoDetect: captions.autoDetect } },
    );
  }
  for (let attempt = 0; ; attempt++) {
    try {
      return await insertSession(db, {
        ...rest,
        transcriptionLanguage: language,
        recordingAllowed,
        guestsKnock: rest.allowGuests && guestsKnock,
        createdByUserId: userId,
        slug: newSlug(),
      });
    } catch (err) {
      // A slug collision is astronomically rare; retry a few times rather than fail the user.
      if (attempt < 3 && (err as { code?: string }).code === "23505") continue;
      throw err;
    }
  }
}
