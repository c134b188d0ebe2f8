import { and, eq } from "drizzle-orm";
import { getDb } from "@/server/db";
import { spaceMembers } from "@/lib/db/schema/spaces";
import type { SpaceRole } from "@/modules/core/spaces/domain/space";
import {
  acceptInvitationEndpoint,
  inviteMemberEndpoint,
} from "@/modules/core/spaces/api/invitation-endpoints";
import { spacesApi } from "@/modules/core/spaces/api/contract";
import { call, type TestUser } from "./api";
import { expectReply } from "./contract";

/** Brings `who` into the space the only way there is: `by` invites their email and they accept. */
export async function addMember(by: TestUser, spaceId: string, who: TestUser, role: SpaceRole = "MEMBER") {
  const invited = await call(inviteMemberEndpoint, {
    user: by,
    params: { spaceId },
    json: { email: who.email, role },
  });
  const { invitation } = expectReply(invited, spacesApi.invite);
  const accepted = await call(acceptInvitationEndpoint, {
    user: who,
    params: { invitationId: invitation.id },
  });
  expectReply(accepted, spacesApi.acceptInvitation);
}

/** `userId`'s role in the space as stored, or null when they are not a member. */
export async function roleOf(spaceId: string, userId: string) {
  const [row] = await getDb()
    .select({ role: spaceMembers.role })
    .from(spaceMembers)
    .where(and(eq(spaceMembers.spaceId, spaceId), eq(spaceMembers.userId, userId)));
  return row?.role ?? null;
}
