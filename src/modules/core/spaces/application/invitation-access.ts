import type { Executor } from "@/lib/db/client";
import { NotFoundError } from "@/modules/core/shared/domain/errors";
import { findSessionUser } from "@/modules/core/identity";
import { findOpenInvitationFor } from "../infra/invitation-repository";

export const invitationNotFound = () =>
  new NotFoundError("invitation_not_found", "This invitation no longer exists or has expired.");

/**
 * The invitation `invitationId` if it is open and addressed to the caller's verified email; every
 * other case (someone else's, expired, withdrawn, address unverified) is the same 404.
 */
export async function openInvitationOfCaller(
  tx: Executor,
  input: { userId: string; invitationId: string; now: Date },
  opts: { forUpdate?: boolean } = {},
) {
  const user = await findSessionUser(tx, input.userId);
  if (!user?.emailVerified) throw invitationNotFound();
  const invitation = await findOpenInvitationFor(tx, {
    id: input.invitationId,
    email: user.email,
    now: input.now,
    forUpdate: opts.forUpdate,
  });
  if (!invitation) throw invitationNotFound();
  return invitation;
}
