import type { Db } from "@/lib/db/client";
import { ForbiddenError } from "@/modules/core/shared/domain/errors";
import { canChangeMember } from "../domain/space";
import { deleteInvitation, findSpaceInvitation } from "../infra/invitation-repository";
import { requireMembership } from "./access";
import { invitationNotFound } from "./invitation-access";

/** Withdraws an invitation; like granting it, an OWNER invitation is the owners' to withdraw. */
export async function revokeInvitation(
  db: Db,
  input: { userId: string; spaceId: string; invitationId: string },
): Promise<void> {
  const actorRole = await requireMembership(db, input.spaceId, input.userId);
  const invitation = await findSpaceInvitation(db, input.spaceId, input.invitationId);
  if (!invitation) throw invitationNotFound();
  if (!canChangeMember(actorRole, invitation.role, null)) {
    throw new ForbiddenError("forbidden", "You cannot withdraw this invitation.");
  }
  await deleteInvitation(db, invitation.id);
}
