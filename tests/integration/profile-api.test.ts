import { existsSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { users } from "@/lib/db/schema/identity";
import { getDb } from "@/server/db";
import { findUserById } from "@/modules/core/identity/infra/user-repository";
import {
  getProfileEndpoint,
  removeAvatarEndpoint,
  serveAvatarEndpoint,
  updateProfileEndpoint,
  uploadAvatarEndpoint,
} from "@/modules/core/identity/api/profile-endpoints";
import { call, errorCode, makeUser, type TestUser } from "../support/api";
import { GIF_HEAD, JPEG_HEAD, PNG_1PX, WEBP_HEAD } from "../support/images";
import { profileApi } from "@/modules/core/identity/api/contract";
import { expectReply } from "../support/contract";

function upload(user: TestUser, bytes: Buffer, fileName = "me.png", type = "image/png") {
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(bytes)], { type }), fileName);
  const req = new Request("http://x/", { method: "POST", body: form });
  return req.arrayBuffer().then((body) =>
    call(uploadAvatarEndpoint, {
      user,
      body,
      headers: { "content-type": req.headers.get("content-type")! },
    }),
  );
}

describe("profile API", () => {
  let user: TestUser;
  beforeEach(async () => {
    user = await makeUser("Pat Profile");
  });

  it("shows and edits the display name", async () => {
    const got = await call(getProfileEndpoint, { user });
    expect(expectReply(got, profileApi.get).profile).toMatchObject({
      id: user.id,
      name: "Pat Profile",
      email: user.email,
      image: null,
    });
    const patched = await call(updateProfileEndpoint, { method: "PATCH", user, json: { name: "Pat P." } });
    expect(patched.status).toBe(200);
    expect((await findUserById(getDb(), user.id))?.name).toBe("Pat P.");
  });

  it.each([
    ["empty", { name: "" }, 422],
    ["too long", { name: "x".repeat(81) }, 422],
    ["control chars", { name: "a\u0007b" }, 422],
    ["wrong type", { name: ["x"] }, 422],
    ["email is not editable", { email: "me@evil.test" }, 422],
  ])("refuses a bad name (%s) and keeps the old one", async (_l, json, status) => {
    const res = await call(updateProfileEndpoint, { method: "PATCH", user, json });
    expect(res.status).toBe(status);
    errorCode(res);
    const row = await findUserById(getDb(), user.id);
    expect(row).toMatchObject({ name: "Pat Profile", email: user.email });
  });

  it.each([
    ["png", PNG_1PX, "image/png"],
    ["jpeg", JPEG_HEAD, "image/jpeg"],
    ["webp", WEBP_HEAD, "image/webp"],
  ])("stores a %s avatar on local disk and serves it back", async (_l, bytes, mime) => {
    const res = await upload(user, bytes, "whatever.bin", "application/octet-stream");
    expect(res.status).toBe(200);
    const image = expectReply(res, profileApi.uploadAvatar).profile.image!;
    expect(image).toMatch(/^\/api\/avatars\//);
    expect((await findUserById(getDb(), user.id))?.image).toBe(image);
    const served = await call(serveAvatarEndpoint, { params: { file: image.split("/").pop()! } });
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe(mime);
  });

  it("judges the image by its content, not its name or declared type", async () => {
    const res = await upload(user, Buffer.from("<svg onload=alert(1)>"), "cat.png", "image/png");
    expect(res.status).toBe(422);
    expect(errorCode(res)).toBe("unsupported_image");
    const gif = await upload(user, GIF_HEAD, "cat.png", "image/png");
    expect(gif.status).toBe(422);
    expect((await findUserById(getDb(), user.id))?.image).toBeNull();
  });

  it("refuses images over 2 MB with 413 avatar_too_large, however far over", async () => {
    // Just over the limit is caught after parsing; far over, while reading the body: same answer.
    for (const extra of [1, 1024 * 1024]) {
      const big = Buffer.concat([PNG_1PX, Buffer.alloc(2 * 1024 * 1024 + extra)]);
      const res = await upload(user, big);
      expect(res.status).toBe(413);
      expect(errorCode(res)).toBe("avatar_too_large");
    }
    expect((await findUserById(getDb(), user.id))?.image).toBeNull();
  });

  it("answers a missing file or wrong encoding with 400", async () => {
    const form = new FormData();
    form.set("other", "x");
    const req = new Request("http://x/", { method: "POST", body: form });
    const noFile = await call(uploadAvatarEndpoint, {
      user,
      body: await req.arrayBuffer(),
      headers: { "content-type": req.headers.get("content-type")! },
    });
    expect(noFile.status).toBe(400);
    expect(errorCode(noFile)).toBe("file_required");
    const raw = await call(uploadAvatarEndpoint, {
      user,
      body: PNG_1PX,
      headers: { "content-type": "image/png" },
    });
    expect(raw.status).toBe(400);
    const broken = await call(uploadAvatarEndpoint, {
      user,
      body: "garbage",
      headers: { "content-type": "multipart/form-data; boundary=xyz" },
    });
    expect(broken.status).toBe(400);
  });

  it("removes the avatar and deletes its file, which is then 404", async () => {
    const uploaded = await upload(user, PNG_1PX);
    expect(uploaded.status).toBe(200);
    const file = (expectReply(uploaded, profileApi.uploadAvatar).profile.image as string).split("/").pop()!;
    expect((await call(serveAvatarEndpoint, { params: { file } })).status).toBe(200);
    const res = await call(removeAvatarEndpoint, { method: "DELETE", user });
    expect(res.status).toBe(200);
    expect((await findUserById(getDb(), user.id))?.image).toBeNull();
    const gone = await call(serveAvatarEndpoint, { params: { file } });
    expect(gone.status).toBe(404);
    expect(gone.headers.get("cache-control")).toBe("no-store");
    expect(existsSync(path.resolve(process.env.DATA_DIR!, "avatars", file))).toBe(false);
  });

  it("deletes the replaced file when a new avatar is uploaded, under a new URL", async () => {
    const first = expectReply(await upload(user, PNG_1PX), profileApi.uploadAvatar).profile.image as string;
    const second = expectReply(await upload(user, PNG_1PX), profileApi.uploadAvatar).profile.image as string;
    expect(second).not.toBe(first);
    const serve = (url: string) => call(serveAvatarEndpoint, { params: { file: url.split("/").pop()! } });
    expect((await serve(first)).status).toBe(404);
    const current = await serve(second);
    expect(current.status).toBe(200);
    // Long-lived caching is only safe because every upload has its own URL (checked above).
    expect(current.headers.get("cache-control")).toContain("immutable");
  });

  it("does not serve paths outside the avatar store", async () => {
    for (const file of ["../../package.json", "..%2F..%2Fpackage.json", "x.png"]) {
      const res = await call(serveAvatarEndpoint, { params: { file } });
      expect(res.status).toBe(404);
    }
  });

  it("treats a valid cookie of a user who no longer exists as signed out", async () => {
    await getDb().delete(users).where(eq(users.id, user.id));
    const res = await call(getProfileEndpoint, { user });
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe("unauthenticated");
  });

  it("requires a session", async () => {
    expect((await call(getProfileEndpoint)).status).toBe(401);
    expect((await upload({ ...user, cookie: "" }, PNG_1PX)).status).toBe(401);
  });
});
