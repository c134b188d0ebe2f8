import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { webEnv } from "@/lib/env/web";
import type { SessionUser } from "@/modules/core/identity/domain/user";

/** Reads the NextAuth JWT cookie of an API request; null when absent, expired or forged. */
export async function sessionUserFromRequest(req: NextRequest): Promise<SessionUser | null> {
  const env = webEnv();
  const token = await getToken({
    req,
    secret: env.NEXTAUTH_SECRET,
    secureCookie: env.NEXTAUTH_URL.startsWith("https://"),
  });
  if (!token?.uid || typeof token.uid !== "string") return null;
  return { id: token.uid, name: token.name ?? "", email: token.email ?? "" };
}
