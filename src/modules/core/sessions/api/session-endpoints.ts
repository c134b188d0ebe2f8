import type { NextRequest } from "next/server";
import type { WebDeps } from "@/server/deps";
import { parseJsonBody } from "@/server/http/body";
import { readGuestId, setGuestCookie } from "@/server/http/guest-cookie";
import { slugParams, spaceParams } from "@/server/http/params";
import { reply } from "@/server/http/reply";
import { route } from "@/server/http/route";
import { clientAddress, rateLimit } from "@/server/rate-limit";
import type { SessionUser } from "@/modules/core/identity/domain/user";
import { ServiceUnavailableError } from "@/modules/core/shared/domain/errors";
import { LOCALE_COOKIE } from "@/i18n/config";
import { negotiateLocale } from "@/i18n/negotiate";
import { getCaptionLanguages } from "@/modules/core/captions";
import type { Viewer } from "../application/access";
import { createSession } from "../application/create-session";
import { endSession } from "../application/end-session";
import { getSession } from "../application/get-session";
import { issueToken } from "../application/issue-token";
import { joinSession } from "../application/join-session";
import { mediaUnavailableMessage } from "../infra/media-server-from-env";
import { sessionsApi } from "./contract";

const viewerOf = (req: NextRequest, user: SessionUser | null): Viewer => ({
  user,
  guestId: readGuestId(req),
});

function media({ media, env }: WebDeps) {
  if (!media) throw new ServiceUnavailableError("media_unavailable", mediaUnavailableMessage(env));
  return media;
}

export const createSessionEndpoint = route(
  { params: spaceParams, rateLimit: "create" },
  async ({ req, user, params, deps }) => {
    const body = await parseJsonBody(req, sessionsApi.create.request);
    const uiLocale = negotiateLocale({
      cookie: req.cookies.get(LOCALE_COOKIE)?.value,
      acceptLanguage: req.headers.get("accept-language"),
    });
    const session = await createSession(deps.db, await getCaptionLanguages(deps.db, deps.env.captions), {
      ...body,
      uiLocale,
      userId: user.id,
      spaceId: params.spaceId,
    });
    return reply(sessionsApi.create, { session: { ...session, path: `/s/${session.slug}` } });
  },
);

export const getSessionEndpoint = route(
  { auth: false, params: slugParams },
  async ({ req, user, params, deps }) => {
    const session = await getSession(deps.db, { slug: params.slug, viewer: viewerOf(req, user) });
    const { env } = deps;
    const available = deps.media !== null;
    return reply(sessionsApi.get, {
      session,
      media: { available, message: available ? null : mediaUnavailableMessage(env) },
    });
  },
);

export const joinSessionEndpoint = route(
  { auth: false, params: slugParams },
  async ({ req, user, params, deps }) => {
    const body = await parseJsonBody(req, sessionsApi.join.request);
    const viewer = viewerOf(req, user);
    const joined = await joinSession(deps.db, deps.media, {
      slug: params.slug,
      viewer,
      displayName: body.displayName,
      // Each cookieless join is a new guest holding a seat for a minute: a few per client and link.
      admitNewGuest: () => rateLimit("guestJoin", `${params.slug}:${clientAddress(req)}`),
    });
    const res = reply(sessionsApi.join, { participant: joined.participant, status: "joined" });
    if (joined.guestId && joined.guestId !== viewer.guestId) setGuestCookie(res, joined.guestId);
    return res;
  },
);

// The one query of issueToken checks that the user still exists, so route() skips its lookup.
export const tokenEndpoint = route(
  { auth: false, params: slugParams, user: "id" },
  async ({ req, userId, params, deps }) => {
    const issued = await issueToken(deps.db, media(deps), {
      slug: params.slug,
      userId,
      guestId: readGuestId(req),
    });
    return reply(sessionsApi.token, issued, { headers: { "cache-control": "no-store" } });
  },
);

export const endSessionEndpoint = route({ params: slugParams }, async ({ user, params, deps }) => {
  const session = await endSession(deps, { slug: params.slug, user });
  return reply(sessionsApi.end, {
    session: { slug: session.slug, status: session.status, endedAt: session.endedAt },
  });
});
