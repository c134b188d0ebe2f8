import type { Db } from "@/lib/db/client";
import { deleteInvitation } from "../infra/invitation-repository";
import { openInvitationOfCaller } from "./invitation-access";

/** The invitee says no: the invitation is gone (the space may invite the address again). */
export async function declineInvitation(
  db: Db,
  input: { userId: string; invitationId: string; now: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    const invitation = await openInvitationOfCaller(tx, input, { forUpdate: true });
    await deleteInvitation(tx, invitation.id);
  });
}
