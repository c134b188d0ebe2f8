import type { WebDeps } from "@/server/deps";
import { parseJsonBody } from "@/server/http/body";
import { readGuestId } from "@/server/http/guest-cookie";
import { slugParams } from "@/server/http/params";
import { reply } from "@/server/http/reply";
import { route } from "@/server/http/route";
import { ServiceUnavailableError } from "@/modules/core/shared/domain/errors";
import { muteParticipant } from "../application/mute-participant";
import { removeParticipant } from "../application/remove-participant";
import { setHand } from "../application/set-hand";
import { mediaUnavailableMessage } from "../infra/media-server-from-env";
import { peopleApi } from "./contract";

function media({ media, env }: WebDeps) {
  if (!media) throw new ServiceUnavailableError("media_unavailable", mediaUnavailableMessage(env));
  return media;
}

export const muteParticipantEndpoint = route({ params: slugParams }, async ({ req, user, params, deps }) => {
  const { identity } = await parseJsonBody(req, peopleApi.mute.request);
  const result = await muteParticipant(deps.db, media(deps), { slug: params.slug, user, identity });
  return reply(peopleApi.mute, result);
});

export const removeParticipantEndpoint = route(
  { params: slugParams },
  async ({ req, user, params, deps }) => {
    const { identity } = await parseJsonBody(req, peopleApi.remove.request);
    await removeParticipant(deps.db, media(deps), { slug: params.slug, user, identity });
    return reply(peopleApi.remove, { removed: true });
  },
);

// Guests raise hands too: the caller is whoever their session or guest cookie says.
export const handEndpoint = route(
  { auth: false, params: slugParams },
  async ({ req, user, params, deps }) => {
    const body = await parseJsonBody(req, peopleApi.hand.request);
    const result = await setHand(deps.db, media(deps), {
      slug: params.slug,
      viewer: { user, guestId: readGuestId(req) },
      raised: body.raised,
      identity: body.identity,
    });
    return reply(peopleApi.hand, result);
  },
);
