import { decode, getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { webEnv } from "@/lib/env/web";

// A browser sends the same session cookie on every request, and decrypting it (an HKDF key
// derivation and a JWE decryption) was the largest single cost of an API request. Cookies that
// decrypted with the current secret are remembered by their exact value until their expiry;
// anything else, including a forged or tampered cookie, is decrypted (and refused) as before.
const MAX_REMEMBERED = 10_000;
let remembered: { secret: string; ids: Map<string, { uid: string; expMs: number }> } | undefined;

/**
 * The user id in the NextAuth JWT cookie of an API request; null when absent, expired or forged.
 * Only a signature check: whether the user still exists is looked up afterwards, once the rate
 * limit (keyed on this id) has let the request through.
 */
export async function sessionUserIdFromRequest(req: NextRequest): Promise<string | null> {
  const env = webEnv();
  const secret = env.NEXTAUTH_SECRET;
  const token = await getToken({
    req,
    secret,
    secureCookie: env.NEXTAUTH_URL.startsWith("https://"),
    raw: true,
  });
  if (!token) return null;
  if (remembered?.secret !== secret) remembered = { secret, ids: new Map() };
  const hit = remembered.ids.get(token);
  if (hit && hit.expMs > Date.now()) return hit.uid;
  if (hit) remembered.ids.delete(token);

  const payload = await decode({ token, secret }).catch(() => null);
  const uid = typeof payload?.uid === "string" && payload.uid ? payload.uid : null;
  if (uid && typeof payload?.exp === "number") {
    const { ids } = remembered;
    if (ids.size >= MAX_REMEMBERED) ids.delete(ids.keys().next().value!);
    ids.set(token, { uid, expMs: payload.exp * 1000 });
  }
  return uid;
}
