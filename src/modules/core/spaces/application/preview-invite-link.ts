import type { Executor } from "@/lib/db/client";
import type { InviteLinkPreview } from "../domain/invite-link";
import { countMembers, findInviteLinkByToken } from "../infra/invite-link-repository";
import { findRole } from "../infra/space-repository";
import { inviteLinkOff } from "./invite-link-access";

/** What the invite page shows a signed-in visitor: the space's name, before they choose to join. */
export async function previewInviteLink(
  db: Executor,
  input: { userId: string; token: string },
): Promise<InviteLinkPreview> {
  const link = await findInviteLinkByToken(db, input.token);
  if (!link) throw inviteLinkOff();
  const [memberCount, memberRole] = await Promise.all([
    countMembers(db, link.spaceId),
    findRole(db, link.spaceId, input.userId),
  ]);
  return { space: { id: link.spaceId, name: link.spaceName }, memberCount, role: link.role, memberRole };
}
