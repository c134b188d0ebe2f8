import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { spaceGlossaries } from "@/lib/db/schema/glossary";
import { deleteSpaceEndpoint } from "@/modules/core/spaces/api/space-endpoints";
import { getGlossaryEndpoint, replaceGlossaryEndpoint } from "@/modules/core/captions/api/glossary-endpoints";
import { call, errorBody, errorCode, makeUser, type TestUser } from "../support/api";
import { addMember } from "../support/members";
import { setupSpace } from "../support/sessions";
import { captionsApi } from "@/modules/core/captions/api/contract";
import { expectReply } from "../support/contract";

describe("space glossary API", () => {
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  let admin: TestUser;
  const put = (user: TestUser | undefined, json: unknown, spaceId = ctx.spaceId) =>
    call(replaceGlossaryEndpoint, { method: "PUT", user, params: { spaceId }, json });
  const get = (user: TestUser | undefined, spaceId = ctx.spaceId) =>
    call(getGlossaryEndpoint, { user, params: { spaceId } });

  beforeAll(async () => {
    ctx = await setupSpace();
    admin = await makeUser("Ada Admin");
    await addMember(ctx.host, ctx.spaceId, admin, "ADMIN");
  });

  it("starts empty; the owner replaces it with normalized terms, which every member reads", async () => {
    const empty = await get(ctx.host);
    expect(expectReply(empty, captionsApi.getGlossary)).toEqual({
      glossary: { terms: [], canEdit: true, updatedAt: null },
    });

    const saved = await put(ctx.host, {
      terms: ["  Zelda  Quarrington ", "", "Kubernetes", "kubernetes", "Ørsted", "KUBERNETES"],
    });
    const body = expectReply(saved, captionsApi.replaceGlossary);
    expect(body.glossary).toMatchObject({
      terms: ["Zelda Quarrington", "Kubernetes", "Ørsted"],
      canEdit: true,
    });
    expect(body.glossary.updatedAt).not.toBeNull();

    const read = await get(ctx.member);
    expect(expectReply(read, captionsApi.getGlossary).glossary).toEqual({
      ...body.glossary,
      canEdit: false,
    });
  });

  it("admins edit it too; members may not; outsiders and unknown spaces get the space's 404", async () => {
    const byAdmin = await put(admin, { terms: ["Quarrington", "LiveKit"] });
    expect(byAdmin.status).toBe(200);
    expect(expectReply(byAdmin, captionsApi.replaceGlossary).glossary.terms).toEqual([
      "Quarrington",
      "LiveKit",
    ]);
    expect(expectReply(await get(admin), captionsApi.getGlossary).glossary.canEdit).toBe(true);

    const byMember = await put(ctx.member, { terms: ["Sneaky"] });
    expect([byMember.status, errorCode(byMember)]).toEqual([403, "forbidden"]);
    for (const res of [await get(ctx.outsider), await put(ctx.outsider, { terms: ["Sneaky"] })]) {
      expect([res.status, errorCode(res)]).toEqual([404, "space_not_found"]);
    }
    const unknown = await get(ctx.host, randomUUID());
    expect([unknown.status, errorCode(unknown)]).toEqual([404, "space_not_found"]);
    expect((await get(undefined)).status).toBe(401);
    expect(expectReply(await get(ctx.host), captionsApi.getGlossary).glossary.terms).toEqual([
      "Quarrington",
      "LiveKit",
    ]);
  });

  it("refuses a breach of the limits with 422 and its own code, and keeps the stored glossary", async () => {
    await put(ctx.host, { terms: ["Keep me"] });
    const many = Array.from({ length: 301 }, (_, i) => `term ${i}`);
    const cases: [unknown, number, string][] = [
      [{ terms: many }, 422, "glossary_too_many_terms"],
      [{ terms: ["ok", "x".repeat(61)] }, 422, "glossary_term_too_long"],
      [{ terms: ["ok", "Ev\u202Eil"] }, 422, "glossary_term_invalid"],
      [{ terms: "Kubernetes" }, 422, "validation_failed"],
      [{ terms: [1, 2] }, 422, "validation_failed"],
      [{ terms: [], extra: true }, 422, "validation_failed"],
    ];
    for (const [json, status, code] of cases) {
      const res = await put(ctx.host, json);
      expect([res.status, errorCode(res)], code).toEqual([status, code]);
    }
    const tooLong = await put(ctx.host, { terms: ["ok", "x".repeat(61)] });
    expect(errorBody(tooLong).details).toEqual({ index: 1, max: 60 });
    expect(expectReply(await get(ctx.host), captionsApi.getGlossary).glossary.terms).toEqual(["Keep me"]);
  });

  it("takes 300 terms of 60 Cyrillic characters (over the default 16 KB body), and an empty list clears it", async () => {
    const terms = Array.from({ length: 300 }, (_, i) => `${"Щ".repeat(55)}${String(i).padStart(5, "0")}`);
    const full = await put(ctx.host, { terms });
    expect(full.status).toBe(200);
    expect(expectReply(full, captionsApi.replaceGlossary).glossary.terms).toHaveLength(300);
    const cleared = await put(ctx.host, { terms: [] });
    expect(expectReply(cleared, captionsApi.replaceGlossary).glossary.terms).toEqual([]);
  });

  it("goes with its space", async () => {
    const other = await setupSpace();
    await put(other.host, { terms: ["Gone"] }, other.spaceId);
    await call(deleteSpaceEndpoint, {
      method: "DELETE",
      user: other.host,
      params: { spaceId: other.spaceId },
    });
    const rows = await getDb()
      .select()
      .from(spaceGlossaries)
      .where(eq(spaceGlossaries.spaceId, other.spaceId));
    expect(rows).toEqual([]);
  });
});
