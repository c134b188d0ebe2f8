import { getServerSession } from "next-auth";
import { deps } from "@/server/deps";
import type { SessionUser } from "@/modules/core/identity/domain/user";
import { findSessionUser } from "@/modules/core/identity";

/** NextAuth's options, built once by the web composition root (src/server/deps.ts). */
export function authOptions() {
  return deps().auth;
}

/** For server components and pages: the signed-in user (as the database has it now), or null. */
export async function currentUser(): Promise<SessionUser | null> {
  const { auth, db } = deps();
  const session = await getServerSession(auth);
  const id = session?.user?.id;
  if (!id) return null;
  return findSessionUser(db, id);
}
