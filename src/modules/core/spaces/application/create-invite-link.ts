import type { Db } from "@/lib/db/client";
import { newInviteToken, type InviteLink } from "../domain/invite-link";
import { replaceInviteLink } from "../infra/invite-link-repository";
import { requireLinkManager } from "./invite-link-access";

/** Makes the space's invite link, or a new one in place of the old, which then says "turned off". */
export async function createInviteLink(
  db: Db,
  input: { userId: string; spaceId: string },
): Promise<InviteLink> {
  await requireLinkManager(db, input.spaceId, input.userId);
  return replaceInviteLink(db, { spaceId: input.spaceId, token: newInviteToken(), createdBy: input.userId });
}
