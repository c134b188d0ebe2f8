import type { Executor } from "@/lib/db/client";
import { resolveAccess, sessionNotFound, type Viewer, findSessionBySlug } from "@/modules/core/sessions";
import type { VideoSession } from "@/modules/core/sessions/domain/video-session";
import { ForbiddenError } from "@/modules/core/shared/domain/errors";
import { canManageSpace } from "@/modules/core/spaces/domain/space";

/**
 * Who may start, stop and delete a session's recordings: whoever may end it (the host while a
 * space member, the space's owners and admins). Others who can see the session get 403; those
 * who cannot, the usual no-session 404.
 */
export async function sessionForRecordingControl(
  db: Executor,
  input: { slug: string; viewer: Viewer },
): Promise<VideoSession> {
  const session = await findSessionBySlug(db, input.slug);
  if (!session) throw sessionNotFound(input.viewer.user !== null);
  const access = await resolveAccess(db, session, input.viewer);
  const allowed = access.role === "HOST" || (access.spaceRole !== null && canManageSpace(access.spaceRole));
  if (!allowed) {
    throw new ForbiddenError("forbidden", "Only the host or a space admin can manage recordings.");
  }
  return session;
}
