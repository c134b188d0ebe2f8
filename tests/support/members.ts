import { expect } from "vitest";
import type { SpaceRole } from "../../src/modules/core/spaces/domain/space";
import {
  acceptInvitationEndpoint,
  inviteMemberEndpoint,
} from "../../src/modules/core/spaces/api/invitation-endpoints";
import { call, type TestUser } from "./api";

/** Brings `who` into the space the only way there is: `by` invites their email and they accept. */
export async function addMember(by: TestUser, spaceId: string, who: TestUser, role: SpaceRole = "MEMBER") {
  const invited = await call(inviteMemberEndpoint, {
    user: by,
    params: { spaceId },
    json: { email: who.email, role },
  });
  expect(invited.status).toBe(202);
  const accepted = await call(acceptInvitationEndpoint, {
    user: who,
    params: { invitationId: invited.json.invitation.id },
  });
  expect(accepted.status).toBe(200);
}
