import type { Executor } from "@/lib/db/client";
import { isAdmin } from "@/modules/core/identity/domain/admin";
import type { SessionUser } from "@/modules/core/identity/domain/user";
import { sessionNotFound, findSessionBySlug } from "@/modules/core/sessions";
import type { VideoSession } from "@/modules/core/sessions/domain/video-session";
import { findRole } from "@/modules/core/spaces";

/**
 * Who may see a session's transcription usage and caption health: its host (while a space member),
 * the space's owners/admins and site admins (`ADMIN_EMAILS`); everyone else gets the no-session 404.
 */
export async function sessionForMetricsReader(
  db: Executor,
  input: { slug: string; user: SessionUser; adminEmails?: readonly string[] },
): Promise<VideoSession> {
  const session = await findSessionBySlug(db, input.slug);
  if (!session) throw sessionNotFound();
  const role = await findRole(db, session.spaceId, input.user.id);
  const allowed =
    (role && session.createdByUserId === input.user.id) ||
    role === "OWNER" ||
    role === "ADMIN" ||
    isAdmin(input.user, input.adminEmails ?? []);
  if (!allowed) throw sessionNotFound();
  return session;
}
