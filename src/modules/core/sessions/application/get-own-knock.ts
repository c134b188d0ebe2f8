import type { Db } from "@/lib/db/client";
import type { Knock } from "../domain/knock";
import { userIdentity, type SessionStatus } from "../domain/video-session";
import { findKnockOf } from "../infra/knock-repository";
import { findSessionBySlug } from "../infra/session-repository";
import { sessionNotFound, type Viewer } from "./access";
import { connectedIdentities, knockNotFound, ownKnocker } from "./lobby-access";
import type { MediaServer } from "./media-server";

export type OwnKnock = { knock: Knock; sessionStatus: SessionStatus; hostInCall: boolean };

/**
 * What a waiting knocker polls: their own knock (by account or signed cookie id, so nobody reads
 * another's), whether the session is still on, and whether the host is in the call to answer.
 */
export async function getOwnKnock(
  db: Db,
  media: MediaServer | null,
  input: { slug: string; viewer: Viewer },
): Promise<OwnKnock> {
  const session = await findSessionBySlug(db, input.slug);
  if (!session || !session.allowGuests) throw sessionNotFound(input.viewer.user !== null);
  const knocker = ownKnocker(input.viewer);
  const knock = knocker ? await findKnockOf(db, session.id, knocker) : null;
  if (!knock) throw knockNotFound();
  let hostInCall = false;
  if (knock.status === "WAITING") {
    // A media server that does not answer says nothing about the host: the guest keeps waiting.
    const connected = await connectedIdentities(db, media, session).catch(() => null);
    hostInCall = connected === null || connected.has(userIdentity(session.createdByUserId));
  }
  return { knock, sessionStatus: session.status, hostInCall };
}
