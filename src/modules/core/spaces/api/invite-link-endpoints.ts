import { inviteTokenParams, spaceParams } from "@/server/http/params";
import { reply } from "@/server/http/reply";
import { route } from "@/server/http/route";
import { createInviteLink } from "../application/create-invite-link";
import { getInviteLink } from "../application/get-invite-link";
import { joinByInviteLink } from "../application/join-by-invite-link";
import { revokeInviteLink } from "../application/revoke-invite-link";
import { invitePath, type InviteLink } from "../domain/invite-link";
import { spacesApi } from "./contract";

const view = (link: InviteLink) => ({ ...link, path: invitePath(link.token) });

export const getInviteLinkEndpoint = route({ params: spaceParams }, async ({ user, params, deps }) => {
  const link = await getInviteLink(deps.db, { userId: user.id, spaceId: params.spaceId });
  return reply(spacesApi.getInviteLink, { link: link && view(link) });
});

export const createInviteLinkEndpoint = route(
  { params: spaceParams, rateLimit: "create" },
  async ({ user, params, deps }) => {
    const link = await createInviteLink(deps.db, { userId: user.id, spaceId: params.spaceId });
    return reply(spacesApi.createInviteLink, { link: view(link) });
  },
);

export const revokeInviteLinkEndpoint = route({ params: spaceParams }, async ({ user, params, deps }) => {
  await revokeInviteLink(deps.db, { userId: user.id, spaceId: params.spaceId });
  return new Response(null, { status: 204 });
});

export const joinByInviteLinkEndpoint = route(
  { params: inviteTokenParams, rateLimit: "create" },
  async ({ user, params, deps }) => {
    const membership = await joinByInviteLink(deps.db, { userId: user.id, token: params.token });
    return reply(spacesApi.joinByInviteLink, { membership });
  },
);
