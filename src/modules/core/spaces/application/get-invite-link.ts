import type { Db } from "@/lib/db/client";
import type { InviteLink } from "../domain/invite-link";
import { findInviteLinkOfSpace } from "../infra/invite-link-repository";
import { requireLinkManager } from "./invite-link-access";

/** The space's current invite link, or null when there is none (never made, or turned off). */
export async function getInviteLink(
  db: Db,
  input: { userId: string; spaceId: string },
): Promise<InviteLink | null> {
  await requireLinkManager(db, input.spaceId, input.userId);
  return findInviteLinkOfSpace(db, input.spaceId);
}
