import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { webEnv } from "@/lib/env/web";

/**
 * The user id in the NextAuth JWT cookie of an API request; null when absent, expired or forged.
 * Only a signature check: whether the user still exists is looked up afterwards, once the rate
 * limit (keyed on this id) has let the request through.
 */
export async function sessionUserIdFromRequest(req: NextRequest): Promise<string | null> {
  const env = webEnv();
  const token = await getToken({
    req,
    secret: env.NEXTAUTH_SECRET,
    secureCookie: env.NEXTAUTH_URL.startsWith("https://"),
  });
  return typeof token?.uid === "string" && token.uid ? token.uid : null;
}
