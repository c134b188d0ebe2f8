import { PayloadTooLargeError } from "@/modules/core/shared/domain/errors";

export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;

/** Its own code, so clients can say "image over 2 MB" without saying it about any large request. */
export const avatarTooLarge = () =>
  new PayloadTooLargeError("avatar_too_large", "The image must be at most 2 MB.");

/** Accepted by content (magic bytes), never by the file name or the browser's claim. */
export const AVATAR_TYPES = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
} as const;
export type AvatarMime = keyof typeof AVATAR_TYPES;

export const isAvatarMime = (mime: string | undefined): mime is AvatarMime =>
  mime !== undefined && mime in AVATAR_TYPES;
