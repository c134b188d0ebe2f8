import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import {
  getTranscriptionBudgetEndpoint,
  setTranscriptionBudgetEndpoint,
} from "@/modules/core/usage/api/budget-endpoints";
import { transcriptionUsageEndpoint } from "@/modules/core/captions/api/transcription-endpoints";
import { lockedBudgetOfSession } from "@/modules/core/usage/infra/budget-repository";
import { upsertUsage } from "@/modules/core/usage/infra/usage-repository";
import { call, errorBody, errorCode, makeUser, type TestUser } from "../support/api";
import { setupSpace } from "../support/sessions";
import { joinedSpeaker } from "../support/transcription-fixtures";
import { addMember } from "../support/members";
import { usageApi } from "@/modules/core/usage/api/contract";
import { expectReply } from "../support/contract";

describe("transcription budget API", () => {
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  let admin: TestUser;
  let sessionId: string;
  let slug: string;
  const put = (user: TestUser | undefined, json: unknown, spaceId = ctx.spaceId) =>
    call(setTranscriptionBudgetEndpoint, { user, params: { spaceId }, json });
  const get = (user: TestUser | undefined) =>
    call(getTranscriptionBudgetEndpoint, { user, params: { spaceId: ctx.spaceId } });

  beforeAll(async () => {
    ctx = await setupSpace();
    admin = await makeUser("Ada Admin");
    await addMember(ctx.host, ctx.spaceId, admin, "ADMIN");
    const speaker = await joinedSpeaker(ctx.host, ctx.spaceId, ctx.member);
    sessionId = speaker.sessionId;
    slug = speaker.slug;
    await upsertUsage(getDb(), [
      {
        streamId: randomUUID(),
        videoSessionId: speaker.sessionId,
        participantId: speaker.participantId,
        userId: ctx.member.id,
        provider: "pocketsphinx",
        audioSeconds: 120,
        billedSeconds: 90,
        costUsd: 1.5,
      },
    ]);
  });

  it("the owner sets the budget and sees this month's spend; the ws server reads the same figures", async () => {
    const res = await put(ctx.host, { budgetUsd: 10 });
    expect(res.status).toBe(200);
    expect(expectReply(res, usageApi.setBudget).budget).toEqual({
      budgetUsd: 10,
      spentUsd: 1.5,
      share: 0.15,
      canEdit: true,
    });
    expect(await lockedBudgetOfSession(getDb(), sessionId)).toEqual({
      spaceId: ctx.spaceId,
      budgetUsd: 10,
      spentUsd: 1.5,
    });
    const cleared = await put(ctx.host, { budgetUsd: null });
    expect(expectReply(cleared, usageApi.setBudget).budget).toMatchObject({
      budgetUsd: null,
      share: null,
    });
  });

  it("an admin sees it but cannot set it; a member neither; an outsider and anonymous learn nothing", async () => {
    await put(ctx.host, { budgetUsd: 3 });
    const seen = await get(admin);
    expect(seen.status).toBe(200);
    expect(expectReply(seen, usageApi.getBudget).budget).toMatchObject({
      budgetUsd: 3,
      canEdit: false,
    });

    const byAdmin = await put(admin, { budgetUsd: 100 });
    expect([byAdmin.status, errorCode(byAdmin)]).toEqual([403, "forbidden"]);
    const byMember = await put(ctx.member, { budgetUsd: 100 });
    expect([byMember.status, errorCode(byMember)]).toEqual([403, "forbidden"]);
    expect((await get(ctx.member)).status).toBe(403);
    const byOutsider = await put(ctx.outsider, { budgetUsd: 100 });
    expect([byOutsider.status, errorCode(byOutsider)]).toEqual([404, "space_not_found"]);
    expect((await get(ctx.outsider)).status).toBe(404);
    expect((await put(undefined, { budgetUsd: 100 })).status).toBe(401);
    // Nobody but the owner changed it.
    expect(expectReply(await get(ctx.host), usageApi.getBudget).budget.budgetUsd).toBe(3);
  });

  it("the session's usage, which the host polls during the call, carries the space's budget share", async () => {
    const usage = () => call(transcriptionUsageEndpoint, { method: "GET", user: ctx.host, params: { slug } });
    await put(ctx.host, { budgetUsd: 2 });
    const near = await usage();
    expect(near.status).toBe(200);
    expect(expectReply(near, usageApi.sessionUsage).totals.costUsd).toBe(1.5);
    expect(expectReply(near, usageApi.sessionUsage).budget).toEqual({
      budgetUsd: 2,
      spentUsd: 1.5,
      share: 0.75,
    });
    await put(ctx.host, { budgetUsd: 0 });
    expect(expectReply(await usage(), usageApi.sessionUsage).budget).toEqual({
      budgetUsd: 0,
      spentUsd: 1.5,
      share: 1,
    });
    await put(ctx.host, { budgetUsd: null });
    expect(expectReply(await usage(), usageApi.sessionUsage).budget).toEqual({
      budgetUsd: null,
      spentUsd: 1.5,
      share: null,
    });
  });

  it.each([
    ["a negative budget", { budgetUsd: -1 }],
    ["a fraction of a cent", { budgetUsd: 1.234 }],
    ["a string", { budgetUsd: "10" }],
    ["a missing field", {}],
    ["an unknown field", { budgetUsd: 1, currency: "EUR" }],
  ])("refuses %s with 422", async (_, body) => {
    const res = await put(ctx.host, body);
    expect(res.status).toBe(422);
    expect(errorBody(res).message).toEqual(expect.any(String));
  });
});
