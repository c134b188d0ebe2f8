import type { Db } from "@/lib/db/client";
import type { SpaceRole } from "../domain/space";
import { findInviteLinkByToken } from "../infra/invite-link-repository";
import { findRole, insertMember, lockSpace } from "../infra/space-repository";
import { inviteLinkOff } from "./invite-link-access";

/**
 * Joins the link's space as MEMBER. The space is locked like every membership change, and the
 * link read again under it, so a join racing a revoke either lands before it or is refused.
 * Someone who is a member already keeps their role.
 */
export async function joinByInviteLink(
  db: Db,
  input: { userId: string; token: string },
): Promise<{ spaceId: string; role: SpaceRole }> {
  return db.transaction(async (tx) => {
    const seen = await findInviteLinkByToken(tx, input.token);
    if (!seen || !(await lockSpace(tx, seen.spaceId))) throw inviteLinkOff();
    const link = await findInviteLinkByToken(tx, input.token);
    if (!link) throw inviteLinkOff();
    const added = await insertMember(tx, link.spaceId, input.userId, link.role);
    const role = added ? link.role : await findRole(tx, link.spaceId, input.userId);
    return { spaceId: link.spaceId, role: role ?? link.role };
  });
}
