import type { Executor } from "@/lib/db/client";
import type { Profile } from "../domain/user";
import { updateUser } from "../infra/user-repository";
import { getProfile } from "./get-profile";

export async function removeAvatar(db: Executor, userId: string): Promise<Profile> {
  return (await updateUser(db, userId, { image: null })) ?? getProfile(db, userId);
}
