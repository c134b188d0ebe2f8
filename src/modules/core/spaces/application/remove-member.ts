import type { Db } from "@/lib/db/client";
import { ForbiddenError } from "@/modules/core/shared/domain/errors";
import { canChangeMember } from "../domain/space";
import { countOwners, deleteMember, findRole, lockSpace } from "../infra/space-repository";
import { requireMembership, spaceNotFound } from "./access";
import { lastOwner, memberNotFound } from "./change-member-role";

/** Removes someone else, or (when memberUserId is the caller) leaves the space. */
export async function removeMember(
  db: Db,
  input: { userId: string; spaceId: string; memberUserId: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await lockSpace(tx, input.spaceId))) throw spaceNotFound();
    const actorRole = await requireMembership(tx, input.spaceId, input.userId);
    const leaving = input.memberUserId === input.userId;
    const current = leaving ? actorRole : await findRole(tx, input.spaceId, input.memberUserId);
    if (!current) throw memberNotFound();
    if (!leaving && !canChangeMember(actorRole, current, null)) {
      throw new ForbiddenError("forbidden", "You cannot remove this member.");
    }
    if (current === "OWNER" && (await countOwners(tx, input.spaceId)) <= 1) throw lastOwner();
    await deleteMember(tx, input.spaceId, input.memberUserId);
  });
}
