import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { ConflictError } from "@/modules/core/shared/domain/errors";
import { knockerIdentity, type Knock, type Knocker } from "../domain/knock";
import { isJoinable } from "../domain/video-session";
import { findKnockOf, upsertKnock } from "../infra/knock-repository";
import { findParticipant } from "../infra/participant-repository";
import { findSessionBySlug } from "../infra/session-repository";
import { resolveAccess, sessionEnded, sessionNotFound, type Viewer } from "./access";
import { ownKnocker } from "./lobby-access";

export type KnockInput = {
  slug: string;
  viewer: Viewer;
  /** A guest's typed name; a signed-in knocker always knocks under their account name. */
  displayName: string;
  /** The per-address abuse bound on new knocks; throws RateLimitedError past it. */
  limitKnock: () => Promise<void>;
};

/**
 * Someone outside the space asks to be let in (the lobby): one knock per knocker (guest cookie or
 * account) and session, waiting until the host or a space admin admits or denies it. Knocking again
 * while waiting (a reload) returns the same knock; one who cancelled may knock again. Members and
 * people already in the call do not knock: they join; nor do signed-in outsiders where the host
 * lets guests walk in (no cap applies to accounts).
 */
export async function knockToJoin(
  db: Db,
  input: KnockInput,
): Promise<{ knock: Knock; guestId: string | null }> {
  const session = await findSessionBySlug(db, input.slug);
  if (!session) throw sessionNotFound(input.viewer.user !== null);
  const access = await resolveAccess(db, session, input.viewer);
  if (!isJoinable(session.status)) throw sessionEnded();
  const notNeeded = new ConflictError("lobby_not_needed", "You can join this call without asking.");
  if (access.spaceRole) throw notNeeded;

  const own = ownKnocker(input.viewer);
  const knocker: Knocker = own ?? { kind: "guest", guestId: randomUUID() };
  if (own) {
    if (await findParticipant(db, session.id, knockerIdentity(knocker))) throw notNeeded;
    const known = await findKnockOf(db, session.id, knocker);
    if (known && known.status !== "CANCELLED") return { knock: known, guestId: guestIdOf(knocker) };
  }
  if (knocker.kind === "user" && !session.guestsKnock) throw notNeeded;
  await input.limitKnock();
  const knock = await upsertKnock(db, {
    videoSessionId: session.id,
    knocker,
    // The host decides on the name they see: an account cannot knock as somebody else.
    displayName: knocker.kind === "user" ? input.viewer.user!.name : input.displayName,
  });
  return { knock, guestId: guestIdOf(knocker) };
}

const guestIdOf = (k: Knocker) => (k.kind === "guest" ? k.guestId : null);
