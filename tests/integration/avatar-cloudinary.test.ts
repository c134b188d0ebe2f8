import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadWebEnv } from "../../src/lib/env/web";
import { avatarStorageFromEnv } from "../../src/modules/core/identity/infra/avatar-storage-from-env";
import {
  cloudinaryAvatarStorage,
  parseCloudinaryUrl,
} from "../../src/modules/core/identity/infra/cloudinary-avatar-storage";
import { startCloudinaryStandIn } from "../support/cloudinary-standin";
import { PNG_1PX } from "../support/images";

describe("Cloudinary avatar adapter against a stand-in of the upload API", () => {
  let standIn: Awaited<ReturnType<typeof startCloudinaryStandIn>>;
  beforeAll(async () => {
    standIn = await startCloudinaryStandIn({ cloud: "rooms-test", key: "123456", secret: "s3cr3t" });
  });
  afterAll(() => standIn.close());

  it("makes a signed upload and returns the secure URL", async () => {
    const storage = cloudinaryAvatarStorage(parseCloudinaryUrl(standIn.url), { agent: standIn.agent });
    const url = await storage.save({ userId: "user-1", bytes: PNG_1PX, mime: "image/png" });
    expect(url).toMatch(
      /^https:\/\/res\.cloudinary\.com\/rooms-test\/image\/upload\/v\d+\/rooms\/avatars\/user-1\.png$/,
    );
    const stored = standIn.uploads.at(-1)!;
    expect(stored.bytes.equals(PNG_1PX)).toBe(true);
    expect(stored.params.overwrite).toBe("1");
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
    expect(url).toContain("/rooms/avatars/user-3.png");
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
});
