import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/server/db";
import { parseJsonBody } from "@/server/http/body";
import { spaceParams } from "@/server/http/params";
import { route } from "@/server/http/route";
import { spaceName } from "../domain/space";
import { createSpace } from "../application/create-space";
import { deleteSpace } from "../application/delete-space";
import { getSpace } from "../application/get-space";
import { listSpaces } from "../application/list-spaces";
import { renameSpace } from "../application/rename-space";

const spaceBody = z.object({ name: spaceName }).strict();

export const listSpacesEndpoint = route({}, async ({ user }) =>
  NextResponse.json({ spaces: await listSpaces(getDb(), user.id) }),
);

export const createSpaceEndpoint = route({ rateLimit: "create" }, async ({ req, user }) => {
  const { name } = await parseJsonBody(req, spaceBody);
  return NextResponse.json({ space: await createSpace(getDb(), { userId: user.id, name }) }, { status: 201 });
});

export const getSpaceEndpoint = route({ params: spaceParams }, async ({ user, params }) =>
  NextResponse.json({ space: await getSpace(getDb(), { userId: user.id, spaceId: params.spaceId }) }),
);

export const renameSpaceEndpoint = route({ params: spaceParams }, async ({ req, user, params }) => {
  const { name } = await parseJsonBody(req, spaceBody);
  const space = await renameSpace(getDb(), { userId: user.id, spaceId: params.spaceId, name });
  return NextResponse.json({ space });
});

export const deleteSpaceEndpoint = route({ params: spaceParams }, async ({ user, params, deps }) => {
  await deleteSpace(deps.db, deps.media, { userId: user.id, spaceId: params.spaceId });
  return new Response(null, { status: 204 });
});
