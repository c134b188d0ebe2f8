import type { Db } from "@/lib/db/client";
import { ConflictError, ForbiddenError } from "@/modules/core/shared/domain/errors";
import { invitationExpiry, type InvitationResponse } from "../domain/invitation";
import { canChangeMember, type SpaceRole } from "../domain/space";
import { isMemberEmail, upsertInvitation } from "../infra/invitation-repository";
import { requireMembership } from "./access";

/**
 * Owners and admins invite an address. Whether it belongs to an account is never looked up, so
 * the answer is the same for a stranger as for a user, and nobody joins a space without accepting.
 * Only a member of this very space is refused (`already_member`): the inviter sees them listed.
 */
export async function inviteMember(
  db: Db,
  input: { userId: string; spaceId: string; email: string; role: SpaceRole; now: Date },
): Promise<InvitationResponse["invitation"]> {
  const actorRole = await requireMembership(db, input.spaceId, input.userId);
  if (!canChangeMember(actorRole, "MEMBER", input.role)) {
    throw new ForbiddenError("forbidden", "You cannot invite people with that role to this space.");
  }
  if (await isMemberEmail(db, input.spaceId, input.email)) {
    throw new ConflictError("already_member", "That person is already a member of this space.");
  }
  const row = await upsertInvitation(db, {
    spaceId: input.spaceId,
    email: input.email,
    role: input.role,
    invitedBy: input.userId,
    expiresAt: invitationExpiry(input.now),
  });
  return { ...row, status: "pending", expiresAt: row.expiresAt.toISOString() };
}
