import { NextResponse } from "next/server";
import { getDb } from "@/server/db";
import { spaceParams } from "@/server/http/params";
import { route } from "@/server/http/route";
import { listSpaceSessions } from "../application/list-space-sessions";

export const listSpaceSessionsEndpoint = route({ params: spaceParams }, async ({ user, params }) =>
  NextResponse.json({
    sessions: await listSpaceSessions(getDb(), { userId: user.id, spaceId: params.spaceId }),
  }),
);
