import { describe, expect, it } from "vitest";
import { setLocaleEndpoint } from "@/i18n/locale-endpoint";
import {
  createSpaceEndpoint,
  deleteSpaceEndpoint,
  listSpacesEndpoint,
} from "@/modules/core/spaces/api/space-endpoints";
import { call, errorCode, makeUser } from "../support/api";
import { spacesApi } from "@/modules/core/spaces/api/contract";
import { expectReply } from "../support/contract";

// NEXTAUTH_URL of the integration run (tests/support/integration-env.ts).
const APP = "http://localhost:3000";

const spaceNames = async (user: Awaited<ReturnType<typeof makeUser>>) =>
  (expectReply(await call(listSpacesEndpoint, { user }), spacesApi.list).spaces as { name: string }[]).map(
    (s) => s.name,
  );

describe("Origin check on state-changing routes", () => {
  it("refuses a cross-site POST with 403 origin_mismatch and changes nothing", async () => {
    const user = await makeUser("Cora Csrf");
    for (const origin of ["https://evil.example", "http://localhost:3001", "null"]) {
      const res = await call(createSpaceEndpoint, {
        user,
        headers: { origin },
        json: { name: `From ${origin}` },
      });
      expect(res.status, origin).toBe(403);
      expect(errorCode(res)).toBe("origin_mismatch");
    }
    expect(await spaceNames(user)).toEqual([]);
  });

  it("refuses a cross-site write without Origin when the browser says cross-site", async () => {
    const user = await makeUser();
    const res = await call(createSpaceEndpoint, {
      user,
      headers: { "sec-fetch-site": "cross-site" },
      json: { name: "Sneaky" },
    });
    expect(res.status).toBe(403);
    expect(errorCode(res)).toBe("origin_mismatch");
    expect(await spaceNames(user)).toEqual([]);
  });

  it("refuses a cross-site DELETE and an anonymous cross-site write", async () => {
    const user = await makeUser();
    const created = await call(createSpaceEndpoint, {
      user,
      headers: { origin: APP },
      json: { name: "Keep" },
    });
    expect(created.status).toBe(201);
    const del = await call(deleteSpaceEndpoint, {
      method: "DELETE",
      user,
      headers: { origin: "https://evil.example" },
      params: { spaceId: expectReply(created, spacesApi.create).space.id },
    });
    expect(del.status).toBe(403);
    expect(await spaceNames(user)).toEqual(["Keep"]);

    const locale = await call(setLocaleEndpoint, {
      headers: { origin: "https://evil.example" },
      json: { locale: "ru" },
    });
    expect(locale.status).toBe(403);
    expect(locale.headers.get("set-cookie")).toBeNull();
  });

  it("lets same-origin and header-less (curl-like) writes through, and any origin read", async () => {
    const user = await makeUser();
    const same = await call(createSpaceEndpoint, {
      user,
      headers: { origin: APP, "sec-fetch-site": "same-origin" },
      json: { name: "Same" },
    });
    expect(same.status).toBe(201);
    const bare = await call(createSpaceEndpoint, { user, json: { name: "Bare" } });
    expect(bare.status).toBe(201);
    const sameSiteNoOrigin = await call(createSpaceEndpoint, {
      user,
      headers: { "sec-fetch-site": "same-origin" },
      json: { name: "Fetch" },
    });
    expect(sameSiteNoOrigin.status).toBe(201);
    const read = await call(listSpacesEndpoint, { user, headers: { origin: "https://evil.example" } });
    expect(read.status).toBe(200);
    expect((await spaceNames(user)).sort()).toEqual(["Bare", "Fetch", "Same"]);
  });
});
