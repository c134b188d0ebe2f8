import { getServerSession } from "next-auth";
import { getDb } from "@/lib/db/client";
import { webEnv } from "@/lib/env/web";
import type { SessionUser } from "../domain/user";
import { buildAuthOptions } from "./auth-options";

let cached: ReturnType<typeof buildAuthOptions> | undefined;

export function authOptions() {
  cached ??= buildAuthOptions(webEnv(), getDb());
  return cached;
}

/** For server components and pages: the signed-in user, or null. */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions());
  const user = session?.user;
  if (!user?.id) return null;
  return { id: user.id, name: user.name ?? "", email: user.email ?? "" };
}
