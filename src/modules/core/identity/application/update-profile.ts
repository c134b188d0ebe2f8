import type { Executor } from "@/lib/db/client";
import type { Profile } from "../domain/user";
import { updateUser } from "../infra/user-repository";
import { getProfile } from "./get-profile";

export async function updateProfile(
  db: Executor,
  userId: string,
  patch: { name?: string },
): Promise<Profile> {
  if (patch.name === undefined) return getProfile(db, userId);
  return (await updateUser(db, userId, { name: patch.name })) ?? getProfile(db, userId);
}
