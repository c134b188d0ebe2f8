import type { Executor } from "@/lib/db/client";
import type { Profile } from "../domain/user";
import { updateUser } from "../infra/user-repository";
import type { AvatarStorage } from "./avatar-storage";
import { getProfile } from "./get-profile";

/**
 * Deletes the stored file first, so a failure leaves the profile pointing at it and the user can
 * retry; only then is the avatar cleared.
 */
export async function removeAvatar(db: Executor, storage: AvatarStorage, userId: string): Promise<Profile> {
  const current = await getProfile(db, userId);
  if (current.image) await storage.remove(current.image);
  return (await updateUser(db, userId, { image: null })) ?? getProfile(db, userId);
}
