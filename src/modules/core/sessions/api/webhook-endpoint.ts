import { reply } from "@/server/http/reply";
import { readBodyBytes } from "@/server/http/body";
import { route } from "@/server/http/route";
import { ServiceUnavailableError } from "@/modules/core/shared/domain/errors";
import { handleMediaWebhook } from "../application/handle-media-webhook";
import { sessionsApi } from "./contract";

const WEBHOOK_BODY_LIMIT = 64 * 1024;

/**
 * LiveKit webhooks. Not rate limited per client (LiveKit sends bursts); the signature over the
 * raw body is the gate, so the body is read as bytes and never re-serialised before verifying.
 */
export const liveKitWebhookEndpoint = route({ auth: false, user: "none" }, async ({ req, deps }) => {
  const { media } = deps;
  if (!media) throw new ServiceUnavailableError("media_unavailable", "No media server is configured.");
  const raw = new TextDecoder().decode(await readBodyBytes(req, WEBHOOK_BODY_LIMIT));
  const outcome = await handleMediaWebhook(
    { ...deps, media },
    {
      rawBody: raw,
      authorization: req.headers.get("authorization"),
    },
  );
  return reply(sessionsApi.webhook, { outcome });
});
