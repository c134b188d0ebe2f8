import type { Db } from "@/lib/db/client";
import { ConflictError, ForbiddenError, NotFoundError } from "@/modules/core/shared/domain/errors";
import { findUserByEmail } from "@/modules/core/identity/infra/user-repository";
import { canChangeMember, type SpaceMember, type SpaceRole } from "../domain/space";
import { insertMember, listMembers } from "../infra/space-repository";
import { requireMembership } from "./access";

export async function addMember(
  db: Db,
  input: { userId: string; spaceId: string; email: string; role: SpaceRole },
): Promise<SpaceMember> {
  const actorRole = await requireMembership(db, input.spaceId, input.userId);
  if (!canChangeMember(actorRole, "MEMBER", input.role)) {
    throw new ForbiddenError("forbidden", "You cannot add members with that role to this space.");
  }
  const user = await findUserByEmail(db, input.email);
  if (!user) {
    throw new NotFoundError("user_not_found", "No one with that email has signed in to Rooms yet.");
  }
  const added = await insertMember(db, input.spaceId, user.id, input.role);
  if (!added) throw new ConflictError("already_member", "That person is already a member of this space.");
  const [member] = await listMembers(db, input.spaceId, user.id);
  return member!;
}
