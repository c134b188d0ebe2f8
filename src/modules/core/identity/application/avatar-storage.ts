import type { AvatarMime } from "../domain/avatar";

/** Where avatar images live; chosen by config (Cloudinary or the local data dir). */
export interface AvatarStorage {
  /** Stores the image and returns the URL browsers load it from. */
  save(input: { userId: string; bytes: Uint8Array; mime: AvatarMime }): Promise<string>;
}
