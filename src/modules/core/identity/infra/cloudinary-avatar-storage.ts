import { randomBytes } from "node:crypto";
import type { Agent } from "node:https";
import { v2 as cloudinary, type UploadApiResponse } from "cloudinary";
import { AVATAR_TYPES } from "../domain/avatar";
import type { AvatarStorage } from "../application/avatar-storage";

export type CloudinaryConfig = {
  cloud_name: string;
  api_key: string;
  api_secret: string;
  /** API origin; only set to point at a stand-in in tests. */
  upload_prefix?: string;
};

/** `cloudinary://KEY:SECRET@CLOUD[?upload_prefix=…]`, the format Cloudinary's console shows. */
export function parseCloudinaryUrl(raw: string): CloudinaryConfig {
  const url = new URL(raw);
  const config: CloudinaryConfig = {
    cloud_name: url.hostname,
    api_key: decodeURIComponent(url.username),
    api_secret: decodeURIComponent(url.password),
  };
  const prefix = url.searchParams.get("upload_prefix");
  if (prefix) config.upload_prefix = prefix;
  if (!config.cloud_name || !config.api_key || !config.api_secret) {
    throw new Error("CLOUDINARY_URL must include key, secret and cloud name");
  }
  return config;
}

const FOLDER = "rooms/avatars";

/**
 * The public id behind a delivery URL this store returned
 * (`https://res.cloudinary.com/<cloud>/image/upload/[<transformations>/]v<version>/rooms/avatars/<id>.<ext>`);
 * null for anything else, such as a provider's profile picture.
 */
export function cloudinaryPublicId(url: string, cloudName: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const prefix = `/${cloudName}/image/upload/`;
  if (parsed.hostname !== "res.cloudinary.com" || !parsed.pathname.startsWith(prefix)) return null;
  const match = parsed.pathname.match(/\/v\d+\/(rooms\/avatars\/[A-Za-z0-9_-]+)\.(png|jpg|webp)$/);
  return match ? match[1]! : null;
}

/**
 * Signed uploads through the official SDK. Credentials go with each call rather than into the
 * SDK's process-wide config, so nothing global is mutated. Each upload gets its own public id, so
 * a URL never changes content (safe to cache for long) and removing one deletes exactly it.
 */
export function cloudinaryAvatarStorage(
  config: CloudinaryConfig,
  opts: { agent?: Agent } = {},
): AvatarStorage {
  const call = { ...config, ...(opts.agent ? { agent: opts.agent } : {}) };
  return {
    async save({ userId, bytes, mime }) {
      const dataUri = `data:${mime};base64,${Buffer.from(bytes).toString("base64")}`;
      const result: UploadApiResponse = await cloudinary.uploader.upload(dataUri, {
        ...call,
        resource_type: "image",
        folder: FOLDER,
        public_id: `${userId}-${randomBytes(8).toString("hex")}`,
        overwrite: false,
        format: AVATAR_TYPES[mime],
      });
      return result.secure_url;
    },
    async remove(url) {
      const publicId = cloudinaryPublicId(url, config.cloud_name);
      if (!publicId) return;
      // `invalidate` purges CDN copies too; "not found" means it is already gone.
      const result = (await cloudinary.uploader.destroy(publicId, {
        ...call,
        resource_type: "image",
        type: "upload",
        invalidate: true,
      })) as { result?: string };
      if (result.result !== "ok" && result.result !== "not found") {
        throw new Error(`Cloudinary did not delete ${publicId}: ${JSON.stringify(result)}`);
      }
    },
  };
}
