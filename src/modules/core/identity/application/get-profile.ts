import type { Executor } from "@/lib/db/client";
import { NotFoundError } from "@/modules/core/shared/domain/errors";
import type { Profile } from "../domain/user";
import { findUserById } from "../infra/user-repository";

export async function getProfile(db: Executor, userId: string): Promise<Profile> {
  const user = await findUserById(db, userId);
  if (!user) throw new NotFoundError("user_not_found", "Your account no longer exists.");
  return user;
}
