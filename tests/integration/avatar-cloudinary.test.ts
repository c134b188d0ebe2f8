import { get } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadWebEnv } from "@/lib/env/web";
import { avatarStorageFromEnv } from "@/modules/core/identity/infra/avatar-storage-from-env";
import {
  cloudinaryAvatarStorage,
  parseCloudinaryUrl,
} from "@/modules/core/identity/infra/cloudinary-avatar-storage";
import { getDb } from "@/server/db";
import { removeAvatar } from "@/modules/core/identity/application/remove-avatar";
import { uploadAvatar } from "@/modules/core/identity/application/upload-avatar";
import { makeUser } from "../support/api";
import { startCloudinaryStandIn } from "../support/cloudinary-standin";
import { PNG_1PX } from "../support/images";

describe("Cloudinary avatar adapter against a stand-in of the upload API", () => {
  let standIn: Awaited<ReturnType<typeof startCloudinaryStandIn>>;
  beforeAll(async () => {
    standIn = await startCloudinaryStandIn({ cloud: "rooms-test", key: "123456", secret: "s3cr3t" });
  });
  afterAll(() => standIn.close());

  /** GET a delivery URL from the stand-in's CDN side; the status code. */
  const served = (secureUrl: string) =>
    new Promise<number>((resolve, reject) => {
      get(standIn.deliveryUrl(secureUrl), { agent: standIn.agent }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      }).on("error", reject);
    });

  it("makes a signed upload and returns the secure URL", async () => {
    const storage = cloudinaryAvatarStorage(parseCloudinaryUrl(standIn.url), { agent: standIn.agent });
    const url = await storage.save({ userId: "user-1", bytes: PNG_1PX, mime: "image/png" });
    expect(url).toMatch(
      /^https:\/\/res\.cloudinary\.com\/rooms-test\/image\/upload\/v\d+\/rooms\/avatars\/user-1-[0-9a-f]{16}\.png$/,
    );
    const stored = standIn.uploads.at(-1)!;
    expect(stored.bytes.equals(PNG_1PX)).toBe(true);
    // A fresh public id per upload: a URL never changes content, so long caching is safe.
    expect(stored.publicId).toMatch(/^rooms\/avatars\/user-1-[0-9a-f]{16}$/);
    expect(stored.params.signature).toMatch(/^[0-9a-f]{40}$/);
  });

  it("surfaces the service's refusal of a wrong secret", async () => {
    const wrong = standIn.url.replace(":s3cr3t@", ":wrong@");
    const storage = cloudinaryAvatarStorage(parseCloudinaryUrl(wrong), { agent: standIn.agent });
    const before = standIn.uploads.length;
    await expect(storage.save({ userId: "user-2", bytes: PNG_1PX, mime: "image/png" })).rejects.toMatchObject(
      {
        http_code: 401,
        message: expect.stringContaining("Invalid Signature"),
      },
    );
    expect(standIn.uploads.length).toBe(before);
  });

  it("is the store chosen when CLOUDINARY_URL is set", async () => {
    const env = loadWebEnv({
      DATABASE_URL: "postgres://localhost/x",
      NEXTAUTH_SECRET: "x".repeat(32),
      HOST: "127.0.0.1",
      CLOUDINARY_URL: standIn.url,
    });
    const url = await avatarStorageFromEnv(env, { agent: standIn.agent }).save({
      userId: "user-3",
      bytes: PNG_1PX,
      mime: "image/png",
    });
    expect(url).toMatch(/\/rooms\/avatars\/user-3-[0-9a-f]{16}\.png$/);
    const local = avatarStorageFromEnv(
      loadWebEnv({
        DATABASE_URL: "postgres://localhost/x",
        NEXTAUTH_SECRET: "x".repeat(32),
        HOST: "127.0.0.1",
      }),
    );
    expect(
      await local.save({ userId: "00000000-0000-0000-0000-000000000000", bytes: PNG_1PX, mime: "image/png" }),
    ).toMatch(/^\/api\/avatars\//);
  });

  it("deletes the stored image on remove (signed destroy), after which its URL is 404", async () => {
    const storage = cloudinaryAvatarStorage(parseCloudinaryUrl(standIn.url), { agent: standIn.agent });
    const url = await storage.save({ userId: "user-4", bytes: PNG_1PX, mime: "image/png" });
    expect(await served(url)).toBe(200);

    await storage.remove(url);
    const call = standIn.destroyed.at(-1)!;
    expect(call.publicId).toBe(url.match(/(rooms\/avatars\/[^.]+)\./)![1]);
    expect(call.params).toMatchObject({
      invalidate: "true",
      signature: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    expect(await served(url)).toBe(404);
    // Removing again (a retried request) is not an error.
    await storage.remove(url);
  });

  it("leaves URLs it did not produce alone", async () => {
    const storage = cloudinaryAvatarStorage(parseCloudinaryUrl(standIn.url), { agent: standIn.agent });
    const before = standIn.destroyed.length;
    for (const url of [
      "https://lh3.googleusercontent.com/a/photo.png",
      "https://res.cloudinary.com/other-cloud/image/upload/v1/rooms/avatars/x.png",
      "https://res.cloudinary.com/rooms-test/image/upload/v1/somewhere/else.png",
      "/api/avatars/00000000-0000-0000-0000-000000000000-0123456789abcdef.png",
    ]) {
      await storage.remove(url);
    }
    expect(standIn.destroyed.length).toBe(before);
  });

  it("surfaces a refused destroy instead of pretending the file is gone", async () => {
    const good = cloudinaryAvatarStorage(parseCloudinaryUrl(standIn.url), { agent: standIn.agent });
    const url = await good.save({ userId: "user-5", bytes: PNG_1PX, mime: "image/png" });
    const wrong = cloudinaryAvatarStorage(parseCloudinaryUrl(standIn.url.replace(":s3cr3t@", ":wrong@")), {
      agent: standIn.agent,
    });
    await expect(wrong.remove(url)).rejects.toMatchObject({ http_code: 401 });
    expect(await served(url)).toBe(200);
  });

  it("replacing and removing through the use-cases deletes each previous image", async () => {
    const storage = cloudinaryAvatarStorage(parseCloudinaryUrl(standIn.url), { agent: standIn.agent });
    const user = await makeUser("Cloud Avatar");
    const first = (await uploadAvatar(getDb(), storage, { userId: user.id, bytes: PNG_1PX })).image!;
    const second = (await uploadAvatar(getDb(), storage, { userId: user.id, bytes: PNG_1PX })).image!;
    expect(second).not.toBe(first);
    const status = served;
    expect(await status(first)).toBe(404);
    expect(await status(second)).toBe(200);

    const profile = await removeAvatar(getDb(), storage, user.id);
    expect(profile.image).toBeNull();
    expect(await status(second)).toBe(404);
  });
});
