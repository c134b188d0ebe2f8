import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { ConflictError } from "@/modules/core/shared/domain/errors";
import type { Knock } from "../domain/knock";
import { isJoinable } from "../domain/video-session";
import { findKnockOf, upsertKnock } from "../infra/knock-repository";
import { findParticipant } from "../infra/participant-repository";
import { findSessionBySlug } from "../infra/session-repository";
import { guestIdentity } from "../domain/video-session";
import { resolveAccess, sessionEnded, sessionNotFound, type Viewer } from "./access";

export type KnockInput = {
  slug: string;
  viewer: Viewer;
  displayName: string;
  /** The per-address abuse bound on new knocks; throws RateLimitedError past it. */
  limitKnock: () => Promise<void>;
};

/**
 * An anonymous guest asks to be let in (the lobby): one knock per guest and session, waiting until
 * the host or a space admin admits or denies it. Knocking again while waiting (a reload) returns the
 * same knock; a guest who cancelled may knock again. Signed-in people and guests already in the call
 * do not knock: they join.
 */
export async function knockToJoin(db: Db, input: KnockInput): Promise<{ knock: Knock; guestId: string }> {
  const session = await findSessionBySlug(db, input.slug);
  if (!session) throw sessionNotFound(input.viewer.user !== null);
  const access = await resolveAccess(db, session, input.viewer);
  if (!isJoinable(session.status)) throw sessionEnded();
  const notNeeded = new ConflictError("lobby_not_needed", "You can join this call without asking.");
  if (access.userId) throw notNeeded;

  const guestId = input.viewer.guestId ?? randomUUID();
  if (input.viewer.guestId) {
    if (await findParticipant(db, session.id, guestIdentity(guestId))) throw notNeeded;
    const known = await findKnockOf(db, session.id, guestId);
    if (known && known.status !== "CANCELLED") return { knock: known, guestId };
  }
  await input.limitKnock();
  const knock = await upsertKnock(db, {
    videoSessionId: session.id,
    guestId,
    displayName: input.displayName,
  });
  return { knock, guestId };
}
