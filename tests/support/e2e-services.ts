import { startLiveKitDevServer } from "../../scripts/livekit-dev-server";
import { startOidcProvider } from "./oidc-provider";

/**
 * Real processes the e2e web server depends on, started before `next start` (which will listen on
 * `baseUrl`): an OpenID Provider, and a livekit-server whose webhooks go to the app. `env` is
 * merged into the server's environment; `provided` reaches the tests through inject().
 */
export type AuxServices = {
  env: Record<string, string>;
  provided: { oidcIssuer: string; livekitUrl: string; redisUrl: string | null };
  stop(): Promise<void>;
};

export const OIDC_NAME = "Test IdP";

/** `livekitPort`: the e2e tests' fixed port (their lock guards it) unless a caller has its own. */
export async function startAuxServices(baseUrl: string, livekitPort = 27880): Promise<AuxServices> {
  const oidc = await startOidcProvider(`${baseUrl}/api/auth/callback/oidc`);
  const livekit = await startLiveKitDevServer({
    port: livekitPort,
    apiKey: "e2ekey",
    apiSecret: "e2e-secret-0123456789abcdef0123456789ab",
    webhookUrls: [`${baseUrl}/api/livekit/webhook`],
  }).catch(async (err) => {
    await oidc.stop();
    throw err;
  });
  const redisUrl = process.env.TEST_REDIS_URL ?? null;
  return {
    env: {
      OIDC_ISSUER: oidc.issuer,
      OIDC_CLIENT_ID: oidc.clientId,
      OIDC_CLIENT_SECRET: oidc.clientSecret,
      OIDC_NAME,
      LIVEKIT_URL: livekit.url,
      LIVEKIT_API_KEY: livekit.apiKey,
      LIVEKIT_API_SECRET: livekit.apiSecret,
      SESSION_SWEEP_SECONDS: "2",
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    },
    provided: { oidcIssuer: oidc.issuer, livekitUrl: livekit.url, redisUrl },
    async stop() {
      await Promise.allSettled([oidc.stop(), livekit.stop()]);
    },
  };
}
