import type { Executor } from "@/lib/db/client";
import { ForbiddenError } from "@/modules/core/shared/domain/errors";
import type { SpaceInvitation } from "../domain/invitation";
import { canManageSpace } from "../domain/space";
import { listSpaceInvitations } from "../infra/invitation-repository";
import { requireMembership } from "./access";

/** The space's open invitations, for its owners and admins. */
export async function listInvitations(
  db: Executor,
  input: { userId: string; spaceId: string; now: Date },
): Promise<SpaceInvitation[]> {
  const role = await requireMembership(db, input.spaceId, input.userId);
  if (!canManageSpace(role)) throw new ForbiddenError("forbidden", "Only owners and admins see invitations.");
  return listSpaceInvitations(db, input.spaceId, input.now);
}
