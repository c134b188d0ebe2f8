import type { Executor } from "@/lib/db/client";
import { ForbiddenError } from "@/modules/core/shared/domain/errors";
import { canDeleteSpace } from "../domain/space";
import { deleteSpace as deleteRow } from "../infra/space-repository";
import { requireMembership } from "./access";

export async function deleteSpace(db: Executor, input: { userId: string; spaceId: string }): Promise<void> {
  const role = await requireMembership(db, input.spaceId, input.userId);
  if (!canDeleteSpace(role)) throw new ForbiddenError("forbidden", "Only an owner can delete this space.");
  await deleteRow(db, input.spaceId);
}
