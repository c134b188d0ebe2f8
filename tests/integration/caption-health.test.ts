import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { participants } from "@/lib/db/schema/sessions";
import { transcriptionClientMetrics } from "@/lib/db/schema/transcription";
import { getDb } from "@/server/db";
import { captionHealthEndpoint } from "@/modules/core/captions/api/transcription-endpoints";
import { upsertUsage } from "@/modules/core/usage/infra/usage-repository";
import { saveClientMetricsEndpoint } from "@/modules/core/usage/api/usage-stats-endpoints";
import { call, errorCode, makeUser, type TestUser } from "../support/api";
import { join, newSession, setupSpace } from "../support/sessions";
import { addMember } from "../support/members";
import { usageApi } from "@/modules/core/usage/api/contract";
import { sessionsApi } from "@/modules/core/sessions/api/contract";
import { expectReply } from "../support/contract";

const health = (slug: string, opts: { user?: TestUser; cookie?: string }) =>
  call(captionHealthEndpoint, { method: "GET", user: opts.user, cookie: opts.cookie, params: { slug } });

describe("GET /api/sessions/:slug/transcription/health", () => {
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  let admin: TestUser;
  let slug: string;
  let sessionId: string;
  let guestCookie: string;
  const ids: Record<"member" | "host" | "guest", string> = { member: "", host: "", guest: "" };

  beforeAll(async () => {
    ctx = await setupSpace();
    admin = await makeUser("Ada Admin");
    await addMember(ctx.host, ctx.spaceId, admin, "ADMIN");
    // The member creates and so hosts the session; the space's owner is someone else.
    const session = await newSession(ctx.member, ctx.spaceId, { allowGuests: true });
    slug = session.slug;
    ids.member = expectReply(await join(slug, { user: ctx.member }), sessionsApi.join).participant.id;
    ids.host = expectReply(await join(slug, { user: ctx.host }), sessionsApi.join).participant.id;
    const guest = await join(slug, { displayName: "Gina Guest" });
    ids.guest = expectReply(guest, sessionsApi.join).participant.id;
    guestCookie = guest.headers.get("set-cookie")!.split(";")[0]!;
    sessionId = session.id;
    // Everyone has been in the call for 10 minutes: longer than any audio claimed below.
    await getDb()
      .update(participants)
      .set({ joinedAt: new Date(Date.now() - 600_000) })
      .where(eq(participants.videoSessionId, session.id));

    const usage = (
      participantId: string,
      userId: string | null,
      audioSeconds: number,
      provider = "pocketsphinx",
    ) => ({
      streamId: randomUUID(),
      videoSessionId: session.id,
      participantId,
      userId,
      provider,
      audioSeconds,
      billedSeconds: audioSeconds / 2,
      costUsd: 0,
    });
    // The member's two streams: 57.6 s received of 64 s sent (one reconnect lost audio); the
    // later one on Whisper.
    await upsertUsage(getDb(), [usage(ids.member, ctx.member.id, 40)]);
    await upsertUsage(getDb(), [usage(ids.member, ctx.member.id, 17.6, "whisper")]);
    await upsertUsage(getDb(), [usage(ids.host, ctx.host.id, 10)]);
    const metrics = (participantId: string, userId: string | null, seconds: number, extra = {}) => ({
      videoSessionId: session.id,
      participantId,
      userId,
      clientStreamId: randomUUID(),
      chunksSent: Math.round(seconds / 0.16),
      audioSecondsSent: seconds.toFixed(3),
      startedAt: new Date(Date.now() - 120_000),
      ...extra,
    });
    await getDb()
      .insert(transcriptionClientMetrics)
      .values([
        metrics(ids.member, ctx.member.id, 40, {
          reconnects: 1,
          errors: 2,
          lastError: "closed (1006)",
          updatedAt: new Date(Date.now() - 60_000),
        }),
        metrics(ids.member, ctx.member.id, 24, { errors: 1, lastError: "Provider refused" }),
        metrics(ids.host, ctx.host.id, 10),
      ]);
  });

  it("gives the session's host each participant's received vs sent audio", async () => {
    const res = await health(slug, { user: ctx.member });
    expect(res.status).toBe(200);
    const byId = new Map(
      (expectReply(res, usageApi.captionHealth).participants as { participantId: string }[]).map((p) => [
        p.participantId,
        p,
      ]),
    );
    expect(byId.get(ids.member)).toMatchObject({
      displayName: "Max Member",
      serverAudioSeconds: 57.6,
      clientAudioSecondsSent: 64,
      completeness: 0.9,
      reconnects: 1,
      errors: 3,
      lastError: "Provider refused",
      engine: "whisper",
    });
    expect(byId.get(ids.host)).toMatchObject({
      engine: "pocketsphinx",
      serverAudioSeconds: 10,
      clientAudioSecondsSent: 10,
      completeness: 1,
    });
    // A guest who never sent audio: nothing to compare yet, said as such rather than as 0 %.
    expect(byId.get(ids.guest)).toMatchObject({
      displayName: "Gina Guest",
      serverAudioSeconds: 0,
      clientAudioSecondsSent: 0,
      completeness: null,
      clientReportedAt: null,
      engine: null,
    });
    expect(typeof (byId.get(ids.member) as { identity?: unknown }).identity).toBe("string");
  });

  it("gives the space's owner and admins the same", async () => {
    for (const user of [ctx.host, admin]) {
      const res = await health(slug, { user });
      expect(res.status).toBe(200);
      expect(expectReply(res, usageApi.captionHealth).participants).toHaveLength(3);
    }
  });

  it("answers 404 to a participant who is not the host and to an outsider; 401 to a guest", async () => {
    const plain = await makeUser("Pat Plain");
    await addMember(ctx.host, ctx.spaceId, plain);
    await join(slug, { user: plain });
    for (const user of [plain, ctx.outsider]) {
      const res = await health(slug, { user });
      expect([res.status, errorCode(res)]).toEqual([404, "session_not_found"]);
    }
    expect((await health(slug, { cookie: guestCookie })).status).toBe(401);
    const missing = await health("zzz-zzzz-zzz", { user: ctx.host });
    expect([missing.status, errorCode(missing)]).toEqual([404, "session_not_found"]);
  });

  it("caps what a browser claims at the time it was in the call, and marks those figures client-reported (issue 14)", async () => {
    const late = await makeUser("Lou Late");
    await addMember(ctx.host, ctx.spaceId, late);
    const lateId = expectReply(await join(slug, { user: late }), sessionsApi.join).participant.id as string;
    // 20 s in the call by the server's clock.
    await getDb()
      .update(participants)
      .set({ joinedAt: new Date(Date.now() - 20_000) })
      .where(eq(participants.id, lateId));
    await upsertUsage(getDb(), [
      {
        streamId: randomUUID(),
        videoSessionId: sessionId,
        participantId: lateId,
        userId: late.id,
        provider: "pocketsphinx",
        audioSeconds: 18,
        billedSeconds: 9,
        costUsd: 0,
      },
    ]);
    // A forged save claims an hour of audio (so 18 s would read as 0.5 % received); two more
    // streams each claim all 20 s, which would add up to three times the time in the call.
    const claim = (audioSecondsSent: number) => ({
      slug,
      clientStreamId: randomUUID(),
      chunksSent: Math.round(audioSecondsSent / 0.16),
      audioSecondsSent,
      transcriptsReceived: 0,
      reconnects: 0,
      errors: 0,
      lastError: null,
      startedAt: new Date(Date.now() - 3_600_000).toISOString(),
      endedAt: null,
    });
    for (const seconds of [3600, 20, 20]) {
      const saved = await call(saveClientMetricsEndpoint, {
        method: "POST",
        user: late,
        json: claim(seconds),
      });
      expect(saved.status).toBe(204);
    }
    const stored = await getDb()
      .select()
      .from(transcriptionClientMetrics)
      .where(eq(transcriptionClientMetrics.participantId, lateId));
    for (const row of stored) {
      expect(Number(row.audioSecondsSent)).toBeLessThanOrEqual(21);
      expect(row.chunksSent).toBeLessThanOrEqual(Math.ceil(21 / 0.16));
    }

    const res = await health(slug, { user: ctx.member });
    expect(res.status).toBe(200);
    expect(expectReply(res, usageApi.captionHealth).clientReported).toEqual(
      expect.arrayContaining(["clientAudioSecondsSent", "completeness", "reconnects", "errors", "lastError"]),
    );
    const mine = (expectReply(res, usageApi.captionHealth).participants as { participantId: string }[]).find(
      (p) => p.participantId === lateId,
    )!;
    const shown = mine as unknown as {
      clientAudioSecondsSent: number;
      completeness: number;
      clientAudioCapped: boolean;
    };
    expect(shown.clientAudioCapped).toBe(true);
    expect(shown.clientAudioSecondsSent).toBeGreaterThanOrEqual(20);
    expect(shown.clientAudioSecondsSent).toBeLessThanOrEqual(21);
    expect(shown.completeness).toBeGreaterThan(0.8);
    // The others, whose claims fit their time in the call, are not marked as capped.
    const member = (
      expectReply(res, usageApi.captionHealth).participants as {
        participantId: string;
        clientAudioCapped: boolean;
      }[]
    ).find((p) => p.participantId === ids.member)!;
    expect(member.clientAudioCapped).toBe(false);
  });

  it("never reads over 100 % while a stream runs: the server's total is taken back to the browser's last save (issue 18)", async () => {
    const busy = await makeUser("Ben Busy");
    await addMember(ctx.host, ctx.spaceId, busy);
    const busyId = expectReply(await join(slug, { user: busy }), sessionsApi.join).participant.id as string;
    await getDb()
      .update(participants)
      .set({ joinedAt: new Date(Date.now() - 600_000) })
      .where(eq(participants.id, busyId));
    // The browser saved 25 s of audio 6 s ago; the ws server, saving every few seconds, has 30 s
    // by now: every second of it arrived, and the 5 s since the browser's save are not in its total.
    await getDb()
      .insert(transcriptionClientMetrics)
      .values({
        videoSessionId: sessionId,
        participantId: busyId,
        userId: busy.id,
        clientStreamId: randomUUID(),
        chunksSent: Math.round(25 / 0.16),
        audioSecondsSent: "25.000",
        startedAt: new Date(Date.now() - 120_000),
        updatedAt: new Date(Date.now() - 5_000),
      });
    await upsertUsage(getDb(), [
      {
        streamId: randomUUID(),
        videoSessionId: sessionId,
        participantId: busyId,
        userId: busy.id,
        provider: "whisper",
        audioSeconds: 30,
        billedSeconds: 30,
        costUsd: 0,
      },
    ]);
    const res = await health(slug, { user: ctx.member });
    const mine = (
      expectReply(res, usageApi.captionHealth).participants as {
        participantId: string;
        completeness: number;
      }[]
    ).find((p) => p.participantId === busyId)!;
    expect(mine.completeness).toBeLessThanOrEqual(1);
    expect(mine.completeness).toBeGreaterThan(0.95);
  });
});
