import type { Db } from "@/lib/db/client";
import { ServiceUnavailableError } from "@/modules/core/shared/domain/errors";
import { isGuestIdentity, type SessionStatus } from "../domain/video-session";
import { listParticipants } from "../infra/participant-repository";
import { findSessionBySlug } from "../infra/session-repository";
import { resolveAccess, sessionNotFound, type Viewer } from "./access";
import { connectedIdentities } from "./lobby-access";
import type { MediaServer } from "./media-server";

/** Names shown on the pre-join screen; the count says how many more there are. */
export const PEOPLE_SHOWN = 12;

export type PeopleInCall = {
  status: SessionStatus;
  count: number;
  people: { name: string; guest: boolean }[];
};

/**
 * "Who is already in the call", for the pre-join screen (anyone who may open the session): the
 * names of the people connected now, guests marked as such, and nothing else (no ids, no emails).
 * The connected list is the media server's; the names are the ones each joined with, so the hidden
 * recorder (no participant row) is not counted. Also carries the session's status, so a waiting
 * page learns at once that the host ended it.
 */
export async function listPeopleInCall(
  db: Db,
  media: MediaServer | null,
  input: { slug: string; viewer: Viewer },
): Promise<PeopleInCall> {
  const session = await findSessionBySlug(db, input.slug);
  if (!session) throw sessionNotFound(input.viewer.user !== null);
  await resolveAccess(db, session, input.viewer);
  let connected: Set<string>;
  try {
    connected = await connectedIdentities(db, media, session);
  } catch (err) {
    throw new ServiceUnavailableError("media_unavailable", "The media server is not answering.", {
      cause: err,
    });
  }
  const inCall = (await listParticipants(db, session.id)).filter((p) => connected.has(p.identity));
  return {
    status: session.status,
    count: inCall.length,
    people: inCall
      .slice(0, PEOPLE_SHOWN)
      .map((p) => ({ name: p.displayName, guest: isGuestIdentity(p.identity) })),
  };
}
