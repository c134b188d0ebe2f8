import { parseJsonBody } from "@/server/http/body";
import { invitationParams, spaceInvitationParams, spaceParams } from "@/server/http/params";
import { reply } from "@/server/http/reply";
import { route } from "@/server/http/route";
import { acceptInvitation } from "../application/accept-invitation";
import { declineInvitation } from "../application/decline-invitation";
import { inviteMember } from "../application/invite-member";
import { listInvitations } from "../application/list-invitations";
import { listMyInvitations } from "../application/list-my-invitations";
import { revokeInvitation } from "../application/revoke-invitation";
import { spacesApi } from "./contract";

const noContent = () => new Response(null, { status: 204 });

/** 202 whether or not the address has an account: nothing is revealed, nobody is added yet. */
export const inviteMemberEndpoint = route(
  { params: spaceParams, rateLimit: "create" },
  async ({ req, user, params, deps }) => {
    const body = await parseJsonBody(req, spacesApi.invite.request);
    const invitation = await inviteMember(deps.db, {
      userId: user.id,
      spaceId: params.spaceId,
      ...body,
      now: new Date(),
    });
    return reply(spacesApi.invite, { invitation });
  },
);

export const listInvitationsEndpoint = route({ params: spaceParams }, async ({ user, params, deps }) =>
  reply(spacesApi.listInvitations, {
    invitations: await listInvitations(deps.db, {
      userId: user.id,
      spaceId: params.spaceId,
      now: new Date(),
    }),
  }),
);

export const revokeInvitationEndpoint = route(
  { params: spaceInvitationParams },
  async ({ user, params, deps }) => {
    await revokeInvitation(deps.db, { userId: user.id, ...params });
    return noContent();
  },
);

export const listMyInvitationsEndpoint = route({}, async ({ user, deps }) =>
  reply(spacesApi.myInvitations, await listMyInvitations(deps.db, { userId: user.id, now: new Date() })),
);

export const acceptInvitationEndpoint = route(
  { params: invitationParams },
  async ({ user, params, deps }) => {
    const membership = await acceptInvitation(deps.db, { userId: user.id, ...params, now: new Date() });
    return reply(spacesApi.acceptInvitation, { membership });
  },
);

export const declineInvitationEndpoint = route(
  { params: invitationParams },
  async ({ user, params, deps }) => {
    await declineInvitation(deps.db, { userId: user.id, ...params, now: new Date() });
    return noContent();
  },
);
