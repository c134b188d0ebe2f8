import { readGuestId } from "@/server/http/guest-cookie";
import { reply } from "@/server/http/reply";
import { route } from "@/server/http/route";
import { slugParams } from "@/server/http/params";
import { getCaptionHealth, getTranscriptionUsage } from "@/modules/core/usage";
import { issueTranscriptionToken } from "../application/issue-transcription-token";
import { captionsApi } from "./contract";
import { usageApi } from "@/modules/core/usage/api/contract";

/** POST /api/sessions/[slug]/transcription/token: a captions token for the ws server. */
export const transcriptionTokenEndpoint = route(
  { auth: false, params: slugParams },
  async ({ req, user, params, deps }) => {
    const env = deps.env;
    const issued = await issueTranscriptionToken(
      deps.db,
      { secret: env.TRANSCRIPTION_JWT_SECRET, urls: env.transcriptionWsUrls },
      { slug: params.slug, viewer: { user, guestId: readGuestId(req) } },
    );
    return reply(captionsApi.captionsToken, issued, { headers: { "cache-control": "no-store" } });
  },
);

/** GET /api/sessions/[slug]/transcription/usage: metered audio and cost per participant. */
export const transcriptionUsageEndpoint = route({ params: slugParams }, async ({ user, params, deps }) => {
  const usage = await getTranscriptionUsage(deps.db, {
    slug: params.slug,
    user,
    adminEmails: deps.env.ADMIN_EMAILS,
  });
  return reply(usageApi.sessionUsage, usage, { headers: { "cache-control": "no-store" } });
});

/** GET /api/sessions/[slug]/transcription/health: completeness of each participant's captions. */
export const captionHealthEndpoint = route({ params: slugParams }, async ({ user, params, deps }) => {
  const health = await getCaptionHealth(deps.db, {
    slug: params.slug,
    user,
    adminEmails: deps.env.ADMIN_EMAILS,
  });
  return reply(usageApi.captionHealth, health, { headers: { "cache-control": "no-store" } });
});
