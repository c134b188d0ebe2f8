import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { spaceMembers, spaces } from "@/lib/db/schema/spaces";
import {
  createSpaceEndpoint,
  deleteSpaceEndpoint,
  getSpaceEndpoint,
  listSpacesEndpoint,
  renameSpaceEndpoint,
} from "@/modules/core/spaces/api/space-endpoints";
import { call, errorCode, makeUser, type TestUser } from "../support/api";
import { spacesApi } from "@/modules/core/spaces/api/contract";
import { expectReply } from "../support/contract";

async function createSpace(user: TestUser, name = "Design reviews") {
  const res = await call(createSpaceEndpoint, { user, json: { name } });
  expect(res.status).toBe(201);
  return expectReply(res, spacesApi.create).space as { id: string; name: string; role: string };
}

async function spaceRow(id: string) {
  const [row] = await getDb().select().from(spaces).where(eq(spaces.id, id));
  return row;
}

describe("spaces API", () => {
  let owner: TestUser;
  let stranger: TestUser;
  beforeAll(async () => {
    owner = await makeUser("Olga Owner");
    stranger = await makeUser("Sam Stranger");
  });

  it("creates a space owned by its creator and lists it", async () => {
    const space = await createSpace(owner, "  Weekly sync  ");
    expect(space).toMatchObject({ name: "Weekly sync", role: "OWNER", memberCount: 1 });
    const list = await call(listSpacesEndpoint, { user: owner });
    expect(list.status).toBe(200);
    expect(expectReply(list, spacesApi.list).spaces.map((s: { id: string }) => s.id)).toContain(space.id);
    const [member] = await getDb().select().from(spaceMembers).where(eq(spaceMembers.spaceId, space.id));
    expect(member).toMatchObject({ userId: owner.id, role: "OWNER" });
  });

  it("refuses anonymous and forged-cookie callers with 401", async () => {
    const anon = await call(listSpacesEndpoint);
    expect(anon.status).toBe(401);
    expect(errorCode(anon)).toBe("unauthenticated");
    const forged = await call(createSpaceEndpoint, {
      cookie: "next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0.forged.forged.forged.forged",
      json: { name: "x" },
    });
    expect(forged.status).toBe(401);
  });

  describe("bad input on create changes nothing", () => {
    const cases: [string, () => Promise<Awaited<ReturnType<typeof call>>>, number, string][] = [
      [
        "malformed JSON",
        () =>
          call(createSpaceEndpoint, {
            user: owner,
            body: "{name:",
            headers: { "content-type": "application/json" },
          }),
        400,
        "invalid_json",
      ],
      [
        "wrong type",
        () => call(createSpaceEndpoint, { user: owner, json: { name: 42 } }),
        422,
        "validation_failed",
      ],
      [
        "empty name",
        () => call(createSpaceEndpoint, { user: owner, json: { name: "   " } }),
        422,
        "validation_failed",
      ],
      [
        "unknown key",
        () => call(createSpaceEndpoint, { user: owner, json: { name: "a", x: 1 } }),
        422,
        "validation_failed",
      ],
      ["array body", () => call(createSpaceEndpoint, { user: owner, json: ["a"] }), 422, "validation_failed"],
      [
        "name too long",
        () => call(createSpaceEndpoint, { user: owner, json: { name: "a".repeat(101) } }),
        422,
        "validation_failed",
      ],
      [
        "oversized body",
        () => call(createSpaceEndpoint, { user: owner, json: { name: "a".repeat(20_000) } }),
        413,
        "payload_too_large",
      ],
      [
        "not JSON content type",
        () =>
          call(createSpaceEndpoint, {
            user: owner,
            body: "name=a",
            headers: { "content-type": "text/plain" },
          }),
        400,
        "unsupported_content_type",
      ],
    ];
    it.each(cases)("%s", async (_label, run, status, code) => {
      const before = expectReply(await call(listSpacesEndpoint, { user: owner }), spacesApi.list).spaces
        .length;
      const res = await run();
      expect(res.status).toBe(status);
      expect(errorCode(res)).toBe(code);
      expect(expectReply(await call(listSpacesEndpoint, { user: owner }), spacesApi.list).spaces.length).toBe(
        before,
      );
    });
  });

  it("hides a space from non-members behind the same 404 as an unknown id", async () => {
    const space = await createSpace(owner);
    for (const spaceId of [space.id, randomUUID(), "not-a-uuid"]) {
      const res = await call(getSpaceEndpoint, { user: stranger, params: { spaceId } });
      expect(res.status).toBe(404);
      expect(["space_not_found", "not_found"]).toContain(errorCode(res));
    }
    const rename = await call(renameSpaceEndpoint, {
      method: "PATCH",
      user: stranger,
      params: { spaceId: space.id },
      json: { name: "Hijacked" },
    });
    expect(rename.status).toBe(404);
    const del = await call(deleteSpaceEndpoint, {
      method: "DELETE",
      user: stranger,
      params: { spaceId: space.id },
    });
    expect(del.status).toBe(404);
    expect((await spaceRow(space.id))?.name).toBe("Design reviews");
  });

  it("lets an owner rename and delete", async () => {
    const space = await createSpace(owner);
    const renamed = await call(renameSpaceEndpoint, {
      method: "PATCH",
      user: owner,
      params: { spaceId: space.id },
      json: { name: "Renamed" },
    });
    expect(renamed.status).toBe(200);
    expect(expectReply(renamed, spacesApi.rename).space.name).toBe("Renamed");
    expect((await spaceRow(space.id))?.name).toBe("Renamed");

    const bad = await call(renameSpaceEndpoint, {
      method: "PATCH",
      user: owner,
      params: { spaceId: space.id },
      json: { name: "" },
    });
    expect(bad.status).toBe(422);
    expect((await spaceRow(space.id))?.name).toBe("Renamed");

    const del = await call(deleteSpaceEndpoint, {
      method: "DELETE",
      user: owner,
      params: { spaceId: space.id },
    });
    expect(del.status).toBe(204);
    expect(await spaceRow(space.id)).toBeUndefined();
    const again = await call(deleteSpaceEndpoint, {
      method: "DELETE",
      user: owner,
      params: { spaceId: space.id },
    });
    expect(again.status).toBe(404);
  });

  it("limits creation to 20 per minute with Retry-After", async () => {
    const busy = await makeUser("Busy Bee");
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++)
      statuses.push((await call(createSpaceEndpoint, { user: busy, json: { name: `S${i}` } })).status);
    expect(statuses.slice(0, 20).every((s) => s === 201)).toBe(true);
    const limited = await call(createSpaceEndpoint, { user: busy, json: { name: "one too many" } });
    expect(limited.status).toBe(429);
    expect(errorCode(limited)).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    const rows = await call(listSpacesEndpoint, { user: busy });
    expect(expectReply(rows, spacesApi.list).spaces).toHaveLength(20);
  });
});
