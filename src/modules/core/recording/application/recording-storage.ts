import { ServiceUnavailableError } from "@/modules/core/shared/domain/errors";
import type { ByteRange } from "../domain/byte-range";

/**
 * Where recording files live, behind their storage key: by default files under
 * `$DATA_DIR/recordings` (the local recorder writes them; an Egress with a shared volume too), or
 * objects in the S3-compatible bucket Egress uploads to (`s3://bucket/key`).
 */
export interface RecordingStorage {
  /** The file's size, or null when there is no such file (or the key is not one this store serves). */
  size(storageKey: string): Promise<number | null>;
  /** The bytes of `range` (the whole file without one). */
  read(storageKey: string, range?: ByteRange): Promise<ReadableStream<Uint8Array>>;
  /** Deletes the file; one already gone is fine. */
  remove(storageKey: string): Promise<void>;
}

/** Runs a storage call; a store that cannot be reached (bucket down, disk error) is a 503. */
export async function fromStorage<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    throw new ServiceUnavailableError(
      "media_unavailable",
      "The recording's storage could not be reached. Try again in a moment.",
      { cause: err },
    );
  }
}
