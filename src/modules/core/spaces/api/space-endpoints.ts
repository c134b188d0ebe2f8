import { parseJsonBody } from "@/server/http/body";
import { spaceParams } from "@/server/http/params";
import { reply } from "@/server/http/reply";
import { route } from "@/server/http/route";
import { spacesApi } from "./contract";
import { createSpace } from "../application/create-space";
import { deleteSpace } from "../application/delete-space";
import { getSpace } from "../application/get-space";
import { listSpaces } from "../application/list-spaces";
import { renameSpace } from "../application/rename-space";

export const listSpacesEndpoint = route({}, async ({ user, deps }) =>
  reply(spacesApi.list, { spaces: await listSpaces(deps.db, user.id) }),
);

export const createSpaceEndpoint = route({ rateLimit: "create" }, async ({ req, user, deps }) => {
  const { name } = await parseJsonBody(req, spacesApi.create.request);
  return reply(spacesApi.create, { space: await createSpace(deps.db, { userId: user.id, name }) });
});

export const getSpaceEndpoint = route({ params: spaceParams }, async ({ user, params, deps }) =>
  reply(spacesApi.get, { space: await getSpace(deps.db, { userId: user.id, spaceId: params.spaceId }) }),
);

export const renameSpaceEndpoint = route({ params: spaceParams }, async ({ req, user, params, deps }) => {
  const { name } = await parseJsonBody(req, spacesApi.rename.request);
  const space = await renameSpace(deps.db, { userId: user.id, spaceId: params.spaceId, name });
  return reply(spacesApi.rename, { space });
});

export const deleteSpaceEndpoint = route({ params: spaceParams }, async ({ user, params, deps }) => {
  await deleteSpace(deps.db, deps.media, { userId: user.id, spaceId: params.spaceId });
  return new Response(null, { status: 204 });
});
