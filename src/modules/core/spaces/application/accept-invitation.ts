import type { Db } from "@/lib/db/client";
import type { SpaceRole } from "../domain/space";
import { deleteInvitation } from "../infra/invitation-repository";
import { findRole, insertMember, lockSpace } from "../infra/space-repository";
import { invitationNotFound, openInvitationOfCaller } from "./invitation-access";

/**
 * Joins the space with the invited role and spends the invitation, in one transaction. Someone
 * who is already a member keeps their role. The space row is locked first, like every membership
 * change (deleting a space locks it before its invitations go), then the invitation is read again
 * under a lock, so a second accept of the same invitation finds it spent.
 */
export async function acceptInvitation(
  db: Db,
  input: { userId: string; invitationId: string; now: Date },
): Promise<{ spaceId: string; role: SpaceRole }> {
  return db.transaction(async (tx) => {
    const { spaceId } = await openInvitationOfCaller(tx, input);
    if (!(await lockSpace(tx, spaceId))) throw invitationNotFound();
    const invitation = await openInvitationOfCaller(tx, input, { forUpdate: true });
    const added = await insertMember(tx, invitation.spaceId, input.userId, invitation.role);
    await deleteInvitation(tx, invitation.id);
    const role = added ? invitation.role : await findRole(tx, invitation.spaceId, input.userId);
    return { spaceId: invitation.spaceId, role: role ?? invitation.role };
  });
}
