import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { webEnv } from "@/lib/env/web";
import { getDb } from "@/lib/db/client";
import type { SessionUser } from "@/modules/core/identity/domain/user";
import { findUserById } from "@/modules/core/identity/infra/user-repository";

/**
 * Reads the NextAuth JWT cookie of an API request; null when absent, expired or forged, or when
 * its user no longer exists. Name and email come from the database, not the token, so a renamed
 * user joins calls under the new name.
 */
export async function sessionUserFromRequest(req: NextRequest): Promise<SessionUser | null> {
  const env = webEnv();
  const token = await getToken({
    req,
    secret: env.NEXTAUTH_SECRET,
    secureCookie: env.NEXTAUTH_URL.startsWith("https://"),
  });
  if (!token?.uid || typeof token.uid !== "string") return null;
  const user = await findUserById(getDb(), token.uid);
  return user && { id: user.id, name: user.name, email: user.email };
}
