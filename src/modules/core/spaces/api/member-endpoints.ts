import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/server/db";
import { parseJsonBody } from "@/server/http/body";
import { memberParams, spaceParams } from "@/server/http/params";
import { route } from "@/server/http/route";
import { SPACE_ROLES } from "../domain/space";
import { changeMemberRole } from "../application/change-member-role";
import { leaveSpace } from "../application/leave-space";
import { listMembers } from "../application/list-members";
import { removeMember } from "../application/remove-member";

const role = z.enum(SPACE_ROLES);
const roleBody = z.object({ role }).strict();
const noContent = () => new Response(null, { status: 204 });

export const listMembersEndpoint = route({ params: spaceParams }, async ({ user, params }) =>
  NextResponse.json({ members: await listMembers(getDb(), { userId: user.id, spaceId: params.spaceId }) }),
);

export const changeMemberRoleEndpoint = route({ params: memberParams }, async ({ req, user, params }) => {
  const { role } = await parseJsonBody(req, roleBody);
  await changeMemberRole(getDb(), {
    userId: user.id,
    spaceId: params.spaceId,
    memberUserId: params.userId,
    role,
  });
  return noContent();
});

export const removeMemberEndpoint = route({ params: memberParams }, async ({ user, params }) => {
  await removeMember(getDb(), { userId: user.id, spaceId: params.spaceId, memberUserId: params.userId });
  return noContent();
});

export const leaveSpaceEndpoint = route({ params: spaceParams }, async ({ user, params }) => {
  await leaveSpace(getDb(), { userId: user.id, spaceId: params.spaceId });
  return noContent();
});
