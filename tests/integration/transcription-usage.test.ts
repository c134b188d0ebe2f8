import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { transcriptionUsageEndpoint } from "@/modules/core/captions/api/transcription-endpoints";
import { upsertUsage } from "@/modules/core/usage/infra/usage-repository";
import { call, errorCode, makeUser, type TestUser } from "../support/api";
import { joinedSpeaker } from "../support/transcription-fixtures";
import { join, setupSpace } from "../support/sessions";
import { randomUUID } from "node:crypto";
import { addMember } from "../support/members";
import { usageApi } from "@/modules/core/usage/api/contract";
import { sessionsApi } from "@/modules/core/sessions/api/contract";
import { expectReply } from "../support/contract";

const usage = (slug: string, user?: TestUser) =>
  call(transcriptionUsageEndpoint, { method: "GET", user, params: { slug } });

describe("GET /api/sessions/:slug/transcription/usage", () => {
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  let admin: TestUser;
  let speaker: Awaited<ReturnType<typeof joinedSpeaker>>;
  let hostParticipantId: string;
  beforeAll(async () => {
    ctx = await setupSpace();
    admin = await makeUser("Ada Admin");
    await addMember(ctx.host, ctx.spaceId, admin, "ADMIN");
    // The member creates and so hosts this session; the space's owner is someone else.
    speaker = await joinedSpeaker(ctx.member, ctx.spaceId, ctx.member);
    hostParticipantId = expectReply(await join(speaker.slug, { user: ctx.host }), sessionsApi.join)
      .participant.id;
    const stream = (participantId: string, userId: string, audio: number, billed: number, dropped = 0) => ({
      streamId: randomUUID(),
      videoSessionId: speaker.sessionId,
      participantId,
      userId,
      provider: "pocketsphinx",
      audioSeconds: audio,
      billedSeconds: billed,
      droppedSeconds: dropped,
      costUsd: (billed / 60) * 0.01,
    });
    const a = stream(speaker.participantId, ctx.member.id, 30, 24);
    await upsertUsage(getDb(), [a, stream(speaker.participantId, ctx.member.id, 12, 12)]);
    await upsertUsage(getDb(), [stream(hostParticipantId, ctx.host.id, 6, 6)]);
    // A later snapshot of the same stream replaces its totals; an older one never rolls them back.
    await upsertUsage(getDb(), [{ ...a, audioSeconds: 60, billedSeconds: 48, costUsd: 0.008 }]);
    await upsertUsage(getDb(), [a]);
    // The recognizer then dropped 6 s it had been handed: billed shrinks, the drop is counted apart.
    await upsertUsage(getDb(), [
      { ...a, audioSeconds: 60, billedSeconds: 42, droppedSeconds: 6, costUsd: 0.007 },
    ]);
  });

  it("gives the session's host per-participant totals", async () => {
    const res = await usage(speaker.slug, ctx.member);
    expect(res.status).toBe(200);
    expect(expectReply(res, usageApi.sessionUsage).participants).toEqual([
      {
        participantId: hostParticipantId,
        displayName: "Hana Host",
        provider: "pocketsphinx",
        streams: 1,
        audioSeconds: 6,
        billedSeconds: 6,
        droppedSeconds: 0,
        costUsd: 0.001,
      },
      {
        participantId: speaker.participantId,
        displayName: "Max Member",
        provider: "pocketsphinx",
        streams: 2,
        audioSeconds: 72,
        billedSeconds: 54,
        droppedSeconds: 6,
        costUsd: 0.009,
      },
    ]);
    expect(expectReply(res, usageApi.sessionUsage).totals).toEqual({
      audioSeconds: 78,
      billedSeconds: 60,
      droppedSeconds: 6,
      costUsd: 0.01,
    });
  });

  it("gives the space's owners and admins the same", async () => {
    for (const user of [ctx.host, admin]) {
      const res = await usage(speaker.slug, user);
      expect(res.status).toBe(200);
      expect(expectReply(res, usageApi.sessionUsage).totals.audioSeconds).toBe(78);
    }
  });

  it("answers 404 to everyone else, as for a session that does not exist", async () => {
    const plain = await makeUser("Pat Plain");
    await addMember(ctx.host, ctx.spaceId, plain);
    for (const user of [plain, ctx.outsider]) {
      const res = await usage(speaker.slug, user);
      expect([res.status, errorCode(res)]).toEqual([404, "session_not_found"]);
    }
    const missing = await usage("zzz-zzzz-zzz", ctx.host);
    expect([missing.status, errorCode(missing)]).toEqual([404, "session_not_found"]);
    expect((await usage(speaker.slug)).status).toBe(401);
  });
});
