import type { Db } from "@/lib/db/client";
import { deleteInviteLink } from "../infra/invite-link-repository";
import { requireLinkManager } from "./invite-link-access";

/** Turns the link off; idempotent, so a second click or a stale page is not an error. */
export async function revokeInviteLink(db: Db, input: { userId: string; spaceId: string }): Promise<void> {
  await requireLinkManager(db, input.spaceId, input.userId);
  await deleteInviteLink(db, input.spaceId);
}
