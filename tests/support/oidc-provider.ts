import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export type OidcTestProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
};

/**
 * A real OpenID Provider (the certified `oidc-provider` package) on loopback. Its development
 * login screen accepts any login name; we treat that name as the user's email, verified unless
 * the name starts with `unverified-` (then `email_verified` is false, as for an address the
 * provider never checked).
 */
export async function startOidcProvider(redirectUri: string): Promise<OidcTestProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = "rooms-e2e";
  const clientSecret = randomBytes(24).toString("hex");

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    cookies: { keys: [randomBytes(16).toString("hex")] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, sub) {
      return {
        accountId: sub,
        async claims() {
          const email_verified = !sub.startsWith("unverified-");
          return { sub, email: sub, email_verified, name: `OIDC ${sub.split("@")[0]}` };
        },
      };
    },
  });
  // Dev interactions print a warning on every start; keep test output readable.
  provider.on("server_error", (_ctx, err) => console.error("oidc-provider error", err));
  server.on("request", provider.callback());

  return {
    issuer,
    clientId,
    clientSecret,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
