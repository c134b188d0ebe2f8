import { parseJsonBody } from "@/server/http/body";
import { memberParams, spaceParams } from "@/server/http/params";
import { reply } from "@/server/http/reply";
import { route } from "@/server/http/route";
import { changeMemberRole } from "../application/change-member-role";
import { leaveSpace } from "../application/leave-space";
import { listMembers } from "../application/list-members";
import { removeMember } from "../application/remove-member";
import { spacesApi } from "./contract";

const noContent = () => new Response(null, { status: 204 });

export const listMembersEndpoint = route({ params: spaceParams }, async ({ user, params, deps }) =>
  reply(spacesApi.listMembers, {
    members: await listMembers(deps.db, { userId: user.id, spaceId: params.spaceId }),
  }),
);

export const changeMemberRoleEndpoint = route(
  { params: memberParams },
  async ({ req, user, params, deps }) => {
    const { role } = await parseJsonBody(req, spacesApi.changeMemberRole.request);
    await changeMemberRole(deps.db, {
      userId: user.id,
      spaceId: params.spaceId,
      memberUserId: params.userId,
      role,
    });
    return noContent();
  },
);

export const removeMemberEndpoint = route({ params: memberParams }, async ({ user, params, deps }) => {
  await removeMember(deps.db, { userId: user.id, spaceId: params.spaceId, memberUserId: params.userId });
  return noContent();
});

export const leaveSpaceEndpoint = route({ params: spaceParams }, async ({ user, params, deps }) => {
  await leaveSpace(deps.db, { userId: user.id, spaceId: params.spaceId });
  return noContent();
});
