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

/**
 * Signed uploads through the official SDK. Credentials go with each call rather than into the
 * SDK's process-wide config, so nothing global is mutated.
 */
export function cloudinaryAvatarStorage(
  config: CloudinaryConfig,
  opts: { agent?: Agent } = {},
): AvatarStorage {
  return {
    async save({ userId, bytes, mime }) {
      const dataUri = `data:${mime};base64,${Buffer.from(bytes).toString("base64")}`;
      const result: UploadApiResponse = await cloudinary.uploader.upload(dataUri, {
        ...config,
        ...(opts.agent ? { agent: opts.agent } : {}),
        resource_type: "image",
        folder: "rooms/avatars",
        public_id: userId,
        overwrite: true,
        format: AVATAR_TYPES[mime],
      });
      return result.secure_url;
    },
  };
}
