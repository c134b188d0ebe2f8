import type { Executor } from "@/lib/db/client";
import { sessionNotFound, type Viewer } from "@/modules/core/sessions";
import { guestIdentity, userIdentity, type Participant } from "@/modules/core/sessions/domain/video-session";
import { canManageSpace, type SpaceRole } from "@/modules/core/spaces/domain/space";
import { findRole } from "@/modules/core/spaces";
import { guestAccess, type GuestAccess } from "../domain/guest-access";
import {
  findTranscriptSession,
  findViewerParticipant,
  type TranscriptSession,
} from "../infra/transcript-access-repository";

export type TranscriptAccess = {
  session: TranscriptSession;
  /** The viewer's own participant row, when they were in the call. */
  viewerParticipant: Participant | null;
  spaceRole: SpaceRole | null;
  /** Host (while still a member) or space OWNER/ADMIN: may share the transcript and re-run analysis. */
  canManage: boolean;
  /**
   * Set for a guest (a participant who is not a member of the space): they read only the lines of
   * `window`, until `expiresAt`, and neither the recordings nor the analysis, which span the call.
   */
  guest: GuestAccess | null;
};

/**
 * Who may read what was said in a session (the spec: its participants): the people who were in
 * the call, the space's owners and admins, and, while the host shares it, every space member.
 * A participant from outside the space is a guest (`domain/guest-access.ts`): limited to what was
 * said while they were there, and gone 30 days after the call ended.
 * Everyone else gets the same 404 as for a session that does not exist.
 */
export async function resolveTranscriptAccess(
  db: Executor,
  input: { slug: string; viewer: Viewer; now?: Date },
): Promise<TranscriptAccess> {
  const userId = input.viewer.user?.id ?? null;
  const session = await findTranscriptSession(db, input.slug);
  if (!session) throw sessionNotFound(userId !== null);
  const identities = [
    ...(userId ? [userIdentity(userId)] : []),
    ...(input.viewer.guestId ? [guestIdentity(input.viewer.guestId)] : []),
  ];
  const [spaceRole, viewerParticipant] = await Promise.all([
    userId ? findRole(db, session.spaceId, userId) : null,
    findViewerParticipant(db, session.id, { userId, identities }),
  ]);
  const manager = spaceRole !== null && canManageSpace(spaceRole);
  const host = spaceRole !== null && session.createdByUserId === userId;
  const sharedMember = spaceRole !== null && session.transcriptShared;
  if (!viewerParticipant && !manager && !host && !sharedMember) throw sessionNotFound(userId !== null);
  let guest: GuestAccess | null = null;
  if (spaceRole === null && viewerParticipant) {
    const access = guestAccess(viewerParticipant, session, input.now ?? new Date());
    if (access === "expired") throw sessionNotFound(userId !== null);
    guest = access;
  }
  return { session, viewerParticipant, spaceRole, canManage: manager || host, guest };
}
