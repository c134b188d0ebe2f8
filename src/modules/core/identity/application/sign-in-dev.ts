import type { Executor } from "@/lib/db/client";
import type { Profile } from "../domain/user";
import { upsertUserByEmail } from "../infra/user-repository";

/** Development sign-in: whoever types an email is that user. Only reachable when enabled by env. */
export function signInDev(db: Executor, input: { name: string; email: string }): Promise<Profile> {
  return upsertUserByEmail(db, { email: input.email, name: input.name });
}
