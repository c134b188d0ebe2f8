import type { Db } from "@/lib/db/client";
import { ConflictError, ForbiddenError, NotFoundError } from "@/modules/core/shared/domain/errors";
import { canChangeMember, type SpaceRole } from "../domain/space";
import { countOwners, findRole, lockSpace, setMemberRole } from "../infra/space-repository";
import { requireMembership, spaceNotFound } from "./access";

export const memberNotFound = () =>
  new NotFoundError("member_not_found", "That person is not a member of this space.");
export const lastOwner = () =>
  new ConflictError("last_owner", "A space needs at least one owner. Make someone else an owner first.");

export async function changeMemberRole(
  db: Db,
  input: { userId: string; spaceId: string; memberUserId: string; role: SpaceRole },
): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await lockSpace(tx, input.spaceId))) throw spaceNotFound();
    const actorRole = await requireMembership(tx, input.spaceId, input.userId);
    const current = await findRole(tx, input.spaceId, input.memberUserId);
    if (!current) throw memberNotFound();
    if (!canChangeMember(actorRole, current, input.role)) {
      throw new ForbiddenError("forbidden", "You cannot change this member's role.");
    }
    if (current === "OWNER" && input.role !== "OWNER" && (await countOwners(tx, input.spaceId)) <= 1) {
      throw lastOwner();
    }
    await setMemberRole(tx, input.spaceId, input.memberUserId, input.role);
  });
}
