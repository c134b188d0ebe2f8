import { readGuestId } from "@/server/http/guest-cookie";
import { reply } from "@/server/http/reply";
import { route } from "@/server/http/route";
import { slugParams } from "@/server/http/params";
import { getAnalysis } from "../application/get-analysis";
import { rerunAnalysis } from "../application/rerun-analysis";
import { analysisApi } from "./contract";

const noStore = { "cache-control": "no-store" };

/** GET /api/sessions/[slug]/analysis: status, progress and results, for the transcript's readers. */
export const analysisEndpoint = route(
  { auth: false, params: slugParams },
  async ({ req, user, params, deps }) => {
    const state = await getAnalysis(deps.db, {
      slug: params.slug,
      viewer: { user, guestId: readGuestId(req) },
    });
    return reply(analysisApi.get, state, { headers: noStore });
  },
);

/** POST /api/sessions/[slug]/analysis/rerun: the host or a space owner/admin runs it again. */
export const rerunAnalysisEndpoint = route(
  { auth: true, params: slugParams },
  async ({ req, user, params, deps }) => {
    const state = await rerunAnalysis(deps.db, deps.analysisQueue, {
      slug: params.slug,
      viewer: { user, guestId: readGuestId(req) },
    });
    return reply(analysisApi.rerun, state, { headers: noStore });
  },
);
