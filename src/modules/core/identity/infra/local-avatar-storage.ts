import { randomBytes } from "node:crypto";
import { mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { AVATAR_TYPES, type AvatarMime } from "../domain/avatar";
import type { AvatarStorage } from "../application/avatar-storage";

const FILE_NAME = /^[0-9a-f-]{36}-[0-9a-f]{16}\.(png|jpg|webp)$/;
const URL_PREFIX = "/api/avatars/";
const MIME_BY_EXT: Record<string, AvatarMime> = { png: "image/png", jpg: "image/jpeg", webp: "image/webp" };

/** Avatars under `<dataDir>/avatars`, served by /api/avatars/<file>. Names are unguessable and immutable. */
export function localAvatarStorage(dataDir: string): AvatarStorage & {
  read(file: string): Promise<{ bytes: Buffer; mime: AvatarMime } | null>;
} {
  const dir = path.resolve(dataDir, "avatars");
  return {
    async save({ userId, bytes, mime }) {
      await mkdir(dir, { recursive: true });
      const file = `${userId}-${randomBytes(8).toString("hex")}.${AVATAR_TYPES[mime]}`;
      await writeFile(path.join(dir, file), bytes);
      return `${URL_PREFIX}${file}`;
    },
    async remove(url) {
      if (!url.startsWith(URL_PREFIX)) return;
      const file = url.slice(URL_PREFIX.length);
      // Same guard as `read`: only names this storage could have produced, never a path.
      if (!FILE_NAME.test(file)) return;
      try {
        await unlink(path.join(dir, file));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      }
    },
    async read(file) {
      // The regex is the path-traversal guard: only names this storage could have produced.
      if (!FILE_NAME.test(file)) return null;
      try {
        return { bytes: await readFile(path.join(dir, file)), mime: MIME_BY_EXT[file.split(".").pop()!]! };
      } catch {
        return null;
      }
    },
  };
}
