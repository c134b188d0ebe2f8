import { randomInt } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { requireMembership } from "@/modules/core/spaces/application/access";
import type { VideoSession } from "../domain/video-session";
import { insertSession } from "../infra/session-repository";

export type CreateSessionInput = {
  userId: string;
  spaceId: string;
  title: string;
  maxParticipants: number | null;
  transcriptionEnabled: boolean;
  transcriptionLanguage: string;
  allowGuests: boolean;
  /** False: nobody can record this call (default: allowed). */
  recordingAllowed?: boolean;
};

const LETTERS = "abcdefghijkmnopqrstuvwxyz";

/** Meeting-code style slug (`abc-defg-hij`): easy to read aloud, ~1.4e14 possibilities. */
export function newSlug(): string {
  const pick = (n: number) => Array.from({ length: n }, () => LETTERS[randomInt(LETTERS.length)]).join("");
  return `${pick(3)}-${pick(4)}-${pick(3)}`;
}

export async function createSession(db: Db, input: CreateSessionInput): Promise<VideoSession> {
  await requireMembership(db, input.spaceId, input.userId);
  const { userId, recordingAllowed = true, ...rest } = input;
  for (let attempt = 0; ; attempt++) {
    try {
      return await insertSession(db, { ...rest, recordingAllowed, createdByUserId: userId, slug: newSlug() });
    } catch (err) {
      // A slug collision is astronomically rare; retry a few times rather than fail the user.
      if (attempt < 3 && (err as { code?: string }).code === "23505") continue;
      throw err;
    }
  }
}
