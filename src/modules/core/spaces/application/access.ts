import type { Executor } from "@/lib/db/client";
import { NotFoundError } from "@/modules/core/shared/domain/errors";
import type { SpaceRole } from "../domain/space";
import { findRole } from "../infra/space-repository";

export const spaceNotFound = () => new NotFoundError("space_not_found", "Space not found.");

/** A non-member must not learn that a space exists: every miss is the same 404. */
export async function requireMembership(db: Executor, spaceId: string, userId: string): Promise<SpaceRole> {
  const role = await findRole(db, spaceId, userId);
  if (!role) throw spaceNotFound();
  return role;
}
