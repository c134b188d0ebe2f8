import { z } from "zod";

const discovery = z.object({ userinfo_endpoint: z.url() });
const userinfo = z.object({
  sub: z.string(),
  email: z.string().optional(),
  // A boolean by the spec; some providers send "true". Judged by `claimsEmailVerified`.
  email_verified: z.union([z.boolean(), z.string()]).optional(),
  name: z.string().optional(),
  picture: z.string().optional(),
});
export type OidcUserinfo = z.infer<typeof userinfo>;

const endpoints = new Map<string, string>();

/**
 * Some providers put profile claims only in the UserInfo response, not in the ID token (the OIDC
 * spec allows both). Called when the ID token has no email or no `email_verified`; `sub` must
 * match the ID token's.
 */
export async function fetchOidcUserinfo(
  issuer: string,
  accessToken: string,
  sub: string,
): Promise<OidcUserinfo> {
  let endpoint = endpoints.get(issuer);
  if (!endpoint) {
    const res = await fetch(`${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(5000),
    });
    endpoint = discovery.parse(await res.json()).userinfo_endpoint;
    endpoints.set(issuer, endpoint);
  }
  const res = await fetch(endpoint, {
    headers: { authorization: `Bearer ${accessToken}` },
    signal: AbortSignal.timeout(5000),
  });
  if (!res.ok) throw new Error(`userinfo answered ${res.status}`);
  const info = userinfo.parse(await res.json());
  if (info.sub !== sub) throw new Error("userinfo sub does not match the ID token");
  return info;
}
