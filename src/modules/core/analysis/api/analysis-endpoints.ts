import { getDb } from "@/server/db";
import { readGuestId } from "@/server/http/guest-cookie";
import { reply } from "@/server/http/reply";
import { route } from "@/server/http/route";
import { slugParams } from "@/modules/core/sessions/api/session-endpoints";
import { getAnalysis } from "../application/get-analysis";
import { rerunAnalysis } from "../application/rerun-analysis";
import { analysisQueueFromEnv } from "../infra/analysis-queue-from-env";
import { analysisApi } from "./contract";

const noStore = { "cache-control": "no-store" };

/** GET /api/sessions/[slug]/analysis: status, progress and results, for the transcript's readers. */
export const analysisEndpoint = route({ auth: false, params: slugParams }, async ({ req, user, params }) => {
  const state = await getAnalysis(getDb(), {
    slug: params.slug,
    viewer: { user, guestId: readGuestId(req) },
  });
  return reply(analysisApi.get, state, { headers: noStore });
});

/** POST /api/sessions/[slug]/analysis/rerun: the host or a space owner/admin runs it again. */
export const rerunAnalysisEndpoint = route(
  { auth: true, params: slugParams },
  async ({ req, user, params }) => {
    const state = await rerunAnalysis(getDb(), analysisQueueFromEnv(), {
      slug: params.slug,
      viewer: { user, guestId: readGuestId(req) },
    });
    return reply(analysisApi.rerun, state, { headers: noStore });
  },
);
