import type { Executor } from "@/lib/db/client";
import { ForbiddenError, NotFoundError } from "@/modules/core/shared/domain/errors";
import { canManageSpace } from "../domain/space";
import { requireMembership } from "./access";

/**
 * Unknown, revoked and replaced links are one answer: the visitor can do nothing different about
 * them, and the answer says nothing about which tokens ever existed.
 */
export const inviteLinkOff = () =>
  new NotFoundError("invite_link_off", "This invite link was turned off. Ask for a new one.");

/** The link admits MEMBERs, whom owners and admins may add, so both manage it. */
export async function requireLinkManager(db: Executor, spaceId: string, userId: string): Promise<void> {
  const role = await requireMembership(db, spaceId, userId);
  if (!canManageSpace(role)) {
    throw new ForbiddenError("forbidden", "Only the space's owners and admins manage its invite link.");
  }
}
