import type { Agent } from "node:https";
import type { WebEnv } from "@/lib/env/web";
import type { AvatarStorage } from "../application/avatar-storage";
import { cloudinaryAvatarStorage, parseCloudinaryUrl } from "./cloudinary-avatar-storage";
import { localAvatarStorage } from "./local-avatar-storage";

/** The one place that picks the avatar store from configuration. */
export function avatarStorageFromEnv(env: WebEnv, opts: { agent?: Agent } = {}): AvatarStorage {
  return env.CLOUDINARY_URL
    ? cloudinaryAvatarStorage(parseCloudinaryUrl(env.CLOUDINARY_URL), opts)
    : localAvatarStorage(env.DATA_DIR);
}
