import type { Db } from "@/lib/db/client";
import type { SessionUser } from "@/modules/core/identity/domain/user";
import { ConflictError } from "@/modules/core/shared/domain/errors";
import { updateGuestsKnock } from "../infra/session-repository";
import { sessionForAdmitter } from "./lobby-access";

/**
 * The host or a space admin decides, before or during the call, whether every guest asks to join
 * (Meet's "quick access" off, Zoom's waiting room) or guests walk in up to the per-address cap.
 * The people who let guests in are the ones who may change it; guests already in the call stay.
 */
export async function setGuestsKnock(
  db: Db,
  input: { slug: string; user: SessionUser; guestsKnock: boolean },
): Promise<{ guestsKnock: boolean }> {
  const session = await sessionForAdmitter(db, input);
  if (!session.allowGuests) {
    throw new ConflictError("guests_not_allowed", "This session is for members of the space only.");
  }
  await updateGuestsKnock(db, session.id, input.guestsKnock);
  return { guestsKnock: input.guestsKnock };
}
