export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;

/** Accepted by content (magic bytes), never by the file name or the browser's claim. */
export const AVATAR_TYPES = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
} as const;
export type AvatarMime = keyof typeof AVATAR_TYPES;

export const isAvatarMime = (mime: string | undefined): mime is AvatarMime =>
  mime !== undefined && mime in AVATAR_TYPES;
