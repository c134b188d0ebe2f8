import { spaceParams } from "@/server/http/params";
import { reply } from "@/server/http/reply";
import { route } from "@/server/http/route";
import { listSpaceSessions } from "../application/list-space-sessions";
import { sessionsApi } from "./contract";

export const listSpaceSessionsEndpoint = route({ params: spaceParams }, async ({ user, params, deps }) =>
  reply(sessionsApi.list, {
    sessions: await listSpaceSessions(deps.db, { userId: user.id, spaceId: params.spaceId }),
  }),
);
