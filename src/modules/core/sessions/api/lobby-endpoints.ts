import { z } from "zod";
import { parseJsonBody } from "@/server/http/body";
import { readGuestId, setGuestCookie } from "@/server/http/guest-cookie";
import { slugParams } from "@/server/http/params";
import { reply } from "@/server/http/reply";
import { route } from "@/server/http/route";
import { clientAddress, rateLimit } from "@/server/rate-limit";
import { RateLimitedError } from "@/modules/core/shared/domain/errors";
import type { Knock } from "../domain/knock";
import { cancelKnock } from "../application/cancel-knock";
import { decideKnock } from "../application/decide-knock";
import { getOwnKnock } from "../application/get-own-knock";
import { knockToJoin } from "../application/knock-to-join";
import { listKnocks } from "../application/list-knocks";
import { listPeopleInCall } from "../application/list-people-in-call";
import { setGuestsKnock } from "../application/set-guests-knock";
import { lobbyApi } from "./contract";

const knockParams = slugParams.extend({ knockId: z.uuid() });

/** The wire view of a knock: what the guest typed and where it stands, no cookie id. */
const knockView = (k: Knock) => ({
  id: k.id,
  displayName: k.displayName,
  status: k.status,
  createdAt: k.createdAt,
});

/** Past the abuse bound: 429 with Retry-After, and a message that says how long to wait. */
async function limitKnock(key: string): Promise<void> {
  try {
    await rateLimit("guestKnock", key);
  } catch (err) {
    if (!(err instanceof RateLimitedError)) throw err;
    const minutes = Math.ceil(err.retryAfterSeconds / 60);
    throw new RateLimitedError(
      err.retryAfterSeconds,
      `Too many guests from your network asked to join this call. Try again in ${minutes} min.`,
    );
  }
}

export const knockEndpoint = route(
  { auth: false, params: slugParams },
  async ({ req, user, params, deps }) => {
    const body = await parseJsonBody(req, lobbyApi.knock.request);
    const viewer = { user, guestId: readGuestId(req) };
    const { knock, guestId } = await knockToJoin(deps.db, {
      slug: params.slug,
      viewer,
      displayName: body.displayName,
      limitKnock: () => limitKnock(`${params.slug}:${clientAddress(req)}`),
    });
    const res = reply(lobbyApi.knock, { knock: knockView(knock) });
    if (guestId && guestId !== viewer.guestId) setGuestCookie(res, guestId);
    return res;
  },
);

export const ownKnockEndpoint = route(
  { auth: false, params: slugParams, rateLimit: "poll" },
  async ({ req, user, params, deps }) => {
    const viewer = { user, guestId: readGuestId(req) };
    const own = await getOwnKnock(deps.db, deps.media, { slug: params.slug, viewer });
    return reply(
      lobbyApi.mine,
      { knock: knockView(own.knock), sessionStatus: own.sessionStatus, hostInCall: own.hostInCall },
      { headers: { "cache-control": "no-store" } },
    );
  },
);

export const cancelKnockEndpoint = route(
  { auth: false, params: slugParams },
  async ({ req, user, params, deps }) => {
    const viewer = { user, guestId: readGuestId(req) };
    const knock = await cancelKnock(deps.db, { slug: params.slug, viewer });
    return reply(lobbyApi.cancel, { knock: knockView(knock) });
  },
);

export const waitingKnocksEndpoint = route(
  { params: slugParams, rateLimit: "poll" },
  async ({ user, params, deps }) => {
    const knocks = await listKnocks(deps.db, { slug: params.slug, user });
    return reply(
      lobbyApi.waiting,
      { knocks: knocks.map(knockView) },
      { headers: { "cache-control": "no-store" } },
    );
  },
);

export const decideKnockEndpoint = route({ params: knockParams }, async ({ req, user, params, deps }) => {
  const { decision } = await parseJsonBody(req, lobbyApi.decide.request);
  const knock = await decideKnock(deps.db, { slug: params.slug, user, knockId: params.knockId, decision });
  return reply(lobbyApi.decide, { knock: knockView(knock) });
});

export const lobbySettingsEndpoint = route({ params: slugParams }, async ({ req, user, params, deps }) => {
  const { guestsKnock } = await parseJsonBody(req, lobbyApi.settings.request);
  const settings = await setGuestsKnock(deps.db, { slug: params.slug, user, guestsKnock });
  return reply(lobbyApi.settings, settings);
});

export const peopleInCallEndpoint = route(
  { auth: false, params: slugParams, rateLimit: "poll" },
  async ({ req, user, params, deps }) => {
    const people = await listPeopleInCall(deps.db, deps.media, {
      slug: params.slug,
      viewer: { user, guestId: readGuestId(req) },
    });
    return reply(lobbyApi.people, people, { headers: { "cache-control": "no-store" } });
  },
);
