import type { AvatarMime } from "../domain/avatar";

/** Where avatar images live; chosen by config (Cloudinary or the local data dir). */
export interface AvatarStorage {
  /** Stores the image under a name unique to this upload and returns the URL browsers load it from. */
  save(input: { userId: string; bytes: Uint8Array; mime: AvatarMime }): Promise<string>;
  /**
   * Deletes the file behind a URL that `save` returned, so it is no longer served. URLs this store
   * did not produce (a provider's profile picture) are left alone; a file already gone is fine.
   */
  remove(url: string): Promise<void>;
}
