import { LOCALE_COOKIE } from "@/i18n/config";
import { negotiateLocale } from "@/i18n/negotiate";
import { getCaptionLanguages } from "@/modules/core/captions";
import { parseJsonBody } from "@/server/http/body";
import { reply } from "@/server/http/reply";
import { route } from "@/server/http/route";
import { startMeeting } from "../application/start-meeting";
import { meetingsApi } from "./contract";

export const startMeetingEndpoint = route({ rateLimit: "create" }, async ({ req, user, deps }) => {
  const body = await parseJsonBody(req, meetingsApi.start.request);
  const uiLocale = negotiateLocale({
    cookie: req.cookies.get(LOCALE_COOKIE)?.value,
    acceptLanguage: req.headers.get("accept-language"),
  });
  const { session, space } = await startMeeting(
    deps.db,
    await getCaptionLanguages(deps.db, deps.env.captions),
    {
      ...body,
      uiLocale,
      userId: user.id,
    },
  );
  return reply(meetingsApi.start, { session: { slug: session.slug, path: `/s/${session.slug}` }, space });
});
