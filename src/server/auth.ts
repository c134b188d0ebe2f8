import { getServerSession } from "next-auth";
import { getDb } from "@/server/db";
import { webEnv } from "@/lib/env/web";
import type { SessionUser } from "@/modules/core/identity/domain/user";
import { buildAuthOptions } from "@/modules/core/identity/infra/auth-options";
import { findSessionUser } from "@/modules/core/identity/infra/user-repository";

let cached: ReturnType<typeof buildAuthOptions> | undefined;

export function authOptions() {
  cached ??= buildAuthOptions(webEnv(), getDb());
  return cached;
}

/** For server components and pages: the signed-in user (as the database has it now), or null. */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions());
  const id = session?.user?.id;
  if (!id) return null;
  return findSessionUser(getDb(), id);
}
