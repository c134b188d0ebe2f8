import type { NextRequest } from "next/server";
import { getDb } from "@/server/db";
import { webEnv } from "@/lib/env/web";
import { readBodyBytes } from "@/server/http/body";
import { errorResponse } from "@/server/http/errors";
import { reply } from "@/server/http/reply";
import { ServiceUnavailableError } from "@/modules/core/shared/domain/errors";
import { handleMediaWebhook } from "../application/handle-media-webhook";
import { mediaServerFromEnv } from "../infra/media-server-from-env";
import { sessionsApi } from "./contract";

const WEBHOOK_BODY_LIMIT = 64 * 1024;

/**
 * LiveKit webhooks. Not rate limited per client (LiveKit sends bursts); the signature over the
 * raw body is the gate, so the body is read as bytes and never re-serialised before verifying.
 */
export async function liveKitWebhookEndpoint(req: NextRequest): Promise<Response> {
  try {
    const media = mediaServerFromEnv(webEnv());
    if (!media) throw new ServiceUnavailableError("media_unavailable", "No media server is configured.");
    const raw = new TextDecoder().decode(await readBodyBytes(req, WEBHOOK_BODY_LIMIT));
    const outcome = await handleMediaWebhook(getDb(), media, {
      rawBody: raw,
      authorization: req.headers.get("authorization"),
    });
    return reply(sessionsApi.webhook, { outcome });
  } catch (err) {
    return errorResponse(err);
  }
}
