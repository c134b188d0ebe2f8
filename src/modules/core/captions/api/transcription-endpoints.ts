import { getDb } from "@/server/db";
import { webEnv } from "@/lib/env/web";
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
  async ({ req, user, params }) => {
    const env = webEnv();
    const issued = await issueTranscriptionToken(
      getDb(),
      { secret: env.TRANSCRIPTION_JWT_SECRET, urls: env.transcriptionWsUrls },
      { slug: params.slug, viewer: { user, guestId: readGuestId(req) } },
    );
    return reply(captionsApi.captionsToken, issued, { headers: { "cache-control": "no-store" } });
  },
);

/** GET /api/sessions/[slug]/transcription/usage: metered audio and cost per participant. */
export const transcriptionUsageEndpoint = route({ params: slugParams }, async ({ user, params }) => {
  const usage = await getTranscriptionUsage(getDb(), {
    slug: params.slug,
    user,
    adminEmails: webEnv().ADMIN_EMAILS,
  });
  return reply(usageApi.sessionUsage, usage, { headers: { "cache-control": "no-store" } });
});

/** GET /api/sessions/[slug]/transcription/health: completeness of each participant's captions. */
export const captionHealthEndpoint = route({ params: slugParams }, async ({ user, params }) => {
  const health = await getCaptionHealth(getDb(), {
    slug: params.slug,
    user,
    adminEmails: webEnv().ADMIN_EMAILS,
  });
  return reply(usageApi.captionHealth, health, { headers: { "cache-control": "no-store" } });
});
