import { NextResponse } from "next/server";
import { z } from "zod";
import { parseJsonBody, readBodyBytes } from "@/server/http/body";
import { reply } from "@/server/http/reply";
import { route } from "@/server/http/route";
import { BadRequestError } from "@/modules/core/shared/domain/errors";
import { AVATAR_MAX_BYTES, avatarTooLarge } from "../domain/avatar";
import { getProfile } from "../application/get-profile";
import { removeAvatar } from "../application/remove-avatar";
import { updateProfile } from "../application/update-profile";
import { uploadAvatar } from "../application/upload-avatar";
import { localAvatarStorage } from "../infra/local-avatar-storage";
import { profileApi } from "./contract";

// Multipart framing (boundaries, part headers) rides on top of the image itself.
const MULTIPART_OVERHEAD = 16 * 1024;

export const getProfileEndpoint = route({}, async ({ user, deps }) =>
  reply(profileApi.get, { profile: await getProfile(deps.db, user.id) }),
);

export const updateProfileEndpoint = route({}, async ({ req, user, deps }) => {
  const patch = await parseJsonBody(req, profileApi.update.request);
  return reply(profileApi.update, { profile: await updateProfile(deps.db, user.id, patch) });
});

export const uploadAvatarEndpoint = route({ rateLimit: "create" }, async ({ req, user, deps }) => {
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) {
    throw new BadRequestError("unsupported_content_type", "Upload the image as multipart/form-data.");
  }
  const raw = await readBodyBytes(req, AVATAR_MAX_BYTES + MULTIPART_OVERHEAD, avatarTooLarge);
  let file: FormDataEntryValue | null;
  try {
    file = (await new Response(raw as BodyInit, { headers: { "content-type": type } }).formData()).get(
      "file",
    );
  } catch {
    throw new BadRequestError("invalid_multipart", "The upload is not valid multipart/form-data.");
  }
  if (!(file instanceof Blob))
    throw new BadRequestError("file_required", "Attach the image as the `file` field.");
  const bytes = new Uint8Array(await file.arrayBuffer());
  const profile = await uploadAvatar(deps.db, deps.avatars, { userId: user.id, bytes });
  return reply(profileApi.uploadAvatar, { profile });
});

export const removeAvatarEndpoint = route({}, async ({ user, deps }) =>
  reply(profileApi.removeAvatar, { profile: await removeAvatar(deps.db, deps.avatars, user.id) }),
);

export const serveAvatarEndpoint = route(
  { auth: false, params: z.object({ file: z.string().max(100) }) },
  async ({ params, deps }) => {
    const found = await localAvatarStorage(deps.env.DATA_DIR).read(params.file);
    if (!found) {
      // What a removed avatar answers: nothing here worth keeping in a cache.
      return NextResponse.json(
        { error: { code: "not_found", message: "Not found." } },
        { status: 404, headers: { "cache-control": "no-store" } },
      );
    }
    return new Response(new Uint8Array(found.bytes), {
      headers: {
        "content-type": found.mime,
        // Every upload gets a new random name, so a URL never changes content; a removed avatar's
        // file is deleted and its URL answers 404 (only copies already in browsers remain).
        "cache-control": "public, max-age=31536000, immutable",
        "x-content-type-options": "nosniff",
      },
    });
  },
);
