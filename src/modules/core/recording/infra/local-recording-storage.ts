import { createReadStream } from "node:fs";
import { stat, unlink } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import type { RecordingStorage } from "../application/recording-storage";

// Keys are paths relative to DATA_DIR under `recordings/` (what the local recorder reports).
const KEY = /^recordings\/(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/**
 * Recording files under `<dataDir>/recordings`; a key that would leave that folder is no file.
 * The turbopackIgnore marks keep Next's output tracing from copying the whole project into the
 * build because these paths are only known at run time.
 */
export function localRecordingStorage(dataDir: string): RecordingStorage {
  const root = path.resolve(dataDir, "recordings");
  const fileOf = (key: string): string | null => {
    if (!KEY.test(key) || key.split("/").includes("..")) return null;
    const file = path.resolve(dataDir, key);
    return file.startsWith(root + path.sep) ? file : null;
  };
  return {
    async size(key) {
      const file = fileOf(key);
      if (!file) return null;
      try {
        const s = await stat(/* turbopackIgnore: true */ file);
        return s.isFile() ? s.size : null;
      } catch {
        return null;
      }
    },
    async read(key, range) {
      const file = fileOf(key);
      if (!file) throw new Error(`not a local recording key: ${key}`);
      const stream = createReadStream(
        /* turbopackIgnore: true */ file,
        range ? { start: range.start, end: range.end } : {},
      );
      return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
    },
    async remove(key) {
      const file = fileOf(key);
      if (!file) return;
      try {
        await unlink(/* turbopackIgnore: true */ file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      }
    },
  };
}
