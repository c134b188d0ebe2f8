import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { spaceParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { listSpaceSessions } from "../application/list-space-sessions";

export const listSpaceSessionsEndpoint = route({ params: spaceParams }, async ({ user, params }) =>
  NextResponse.json({
    sessions: await listSpaceSessions(getDb(), { userId: user.id, spaceId: params.spaceId }),
  }),
);
