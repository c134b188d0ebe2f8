import type { Executor } from "@/lib/db/client";
import { findSpace } from "@/modules/core/spaces";
import type { Participant, SessionStatus } from "../domain/video-session";
import { findParticipant } from "../infra/participant-repository";
import { findSessionBySlug } from "../infra/session-repository";
import { resolveAccess, sessionNotFound, type Viewer } from "./access";
import { canEnd } from "./end-session";

export type SessionView = {
  slug: string;
  title: string;
  status: SessionStatus;
  spaceId: string;
  spaceName: string;
  allowGuests: boolean;
  guestsKnock: boolean;
  maxParticipants: number | null;
  transcriptionEnabled: boolean;
  transcriptionLanguage: string;
  startedAt: Date | null;
  endedAt: Date | null;
  viewer: { role: "HOST" | "GUEST"; canEnd: boolean; signedIn: boolean; participant: Participant | null };
};

/** What the session page needs before joining; applies the same access rules as joining. */
export async function getSession(
  db: Executor,
  input: { slug: string; viewer: Viewer },
): Promise<SessionView> {
  const session = await findSessionBySlug(db, input.slug);
  if (!session) throw sessionNotFound(input.viewer.user !== null);
  const access = await resolveAccess(db, session, input.viewer);
  const space = await findSpace(db, session.spaceId);
  const participant = access.identity ? await findParticipant(db, session.id, access.identity) : null;
  return {
    slug: session.slug,
    title: session.title,
    status: session.status,
    spaceId: session.spaceId,
    spaceName: space?.name ?? "",
    allowGuests: session.allowGuests,
    guestsKnock: session.allowGuests && session.guestsKnock,
    maxParticipants: session.maxParticipants,
    transcriptionEnabled: session.transcriptionEnabled,
    transcriptionLanguage: session.transcriptionLanguage,
    startedAt: session.startedAt,
    endedAt: session.endedAt,
    viewer: {
      role: access.role,
      canEnd: canEnd(session, access),
      signedIn: input.viewer.user !== null,
      participant,
    },
  };
}
