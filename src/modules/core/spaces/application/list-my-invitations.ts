import type { Executor } from "@/lib/db/client";
import { findSessionUser } from "@/modules/core/identity";
import type { MyInvitation } from "../domain/invitation";
import { listInvitationsForEmail } from "../infra/invitation-repository";

/**
 * Open invitations addressed to the caller's email, only once a provider has verified it: an
 * unverified address could be anyone's.
 */
export async function listMyInvitations(
  db: Executor,
  input: { userId: string; now: Date },
): Promise<{ emailVerified: boolean; invitations: MyInvitation[] }> {
  const user = await findSessionUser(db, input.userId);
  if (!user?.emailVerified) return { emailVerified: false, invitations: [] };
  return { emailVerified: true, invitations: await listInvitationsForEmail(db, user.email, input.now) };
}
