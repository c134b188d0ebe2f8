import { createHash, randomBytes } from "node:crypto";
import { AccessToken } from "livekit-server-sdk";
import { inject } from "vitest";

/** Signs a webhook body exactly as livekit-server does: a JWT whose sha256 claim hashes the body. */
export async function signedWebhook(payload: Record<string, unknown>, secret?: string) {
  const { apiKey, apiSecret } = inject("livekit");
  const body = JSON.stringify({
    id: `EV_${randomBytes(6).toString("hex")}`,
    createdAt: nowSeconds(),
    ...payload,
  });
  const at = new AccessToken(apiKey, secret ?? apiSecret);
  at.sha256 = createHash("sha256").update(body).digest("base64");
  return { body, authorization: await at.toJwt() };
}

export const nowSeconds = (offset = 0) => String(Math.floor(Date.now() / 1000) + offset);
