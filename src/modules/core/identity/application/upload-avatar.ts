import { fileTypeFromBuffer } from "file-type";
import type { Executor } from "@/lib/db/client";
import { UnprocessableError } from "@/modules/core/shared/domain/errors";
import { AVATAR_MAX_BYTES, avatarTooLarge, isAvatarMime } from "../domain/avatar";
import type { Profile } from "../domain/user";
import { updateUser } from "../infra/user-repository";
import type { AvatarStorage } from "./avatar-storage";
import { getProfile } from "./get-profile";

export async function uploadAvatar(
  db: Executor,
  storage: AvatarStorage,
  input: { userId: string; bytes: Uint8Array },
): Promise<Profile> {
  if (input.bytes.byteLength > AVATAR_MAX_BYTES) {
    throw avatarTooLarge();
  }
  const detected = await fileTypeFromBuffer(input.bytes);
  if (!isAvatarMime(detected?.mime)) {
    throw new UnprocessableError("unsupported_image", "The avatar must be a PNG, JPEG or WebP image.", {
      internal: `detected ${detected?.mime ?? "unknown"}`,
    });
  }
  const previous = (await getProfile(db, input.userId)).image;
  const url = await storage.save({ userId: input.userId, bytes: input.bytes, mime: detected.mime });
  // The replaced image must stop being served. If deleting it fails, the new file goes too and the
  // profile keeps the old one, so nothing is left behind unreferenced and the upload can be retried.
  if (previous) {
    try {
      await storage.remove(previous);
    } catch (err) {
      await storage.remove(url).catch(() => {});
      throw err;
    }
  }
  return (await updateUser(db, input.userId, { image: url })) ?? getProfile(db, input.userId);
}
