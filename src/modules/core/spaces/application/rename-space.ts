import type { Executor } from "@/lib/db/client";
import { ForbiddenError } from "@/modules/core/shared/domain/errors";
import { canManageSpace, type Space } from "../domain/space";
import { renameSpace as renameRow } from "../infra/space-repository";
import { requireMembership } from "./access";

export async function renameSpace(
  db: Executor,
  input: { userId: string; spaceId: string; name: string },
): Promise<Space> {
  const role = await requireMembership(db, input.spaceId, input.userId);
  if (!canManageSpace(role)) {
    throw new ForbiddenError("forbidden", "Only owners and admins can rename this space.");
  }
  return renameRow(db, input.spaceId, input.name);
}
