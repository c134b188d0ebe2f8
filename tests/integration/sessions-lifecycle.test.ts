import { and, eq } from "drizzle-orm";
import { RoomServiceClient } from "livekit-server-sdk";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "@/server/db";
import { deps } from "@/server/deps";
import { participants, videoSessions } from "@/lib/db/schema/sessions";
import {
  endSessionEndpoint,
  joinSessionEndpoint,
  tokenEndpoint,
} from "@/modules/core/sessions/api/session-endpoints";
import { liveKitWebhookEndpoint } from "@/modules/core/sessions/api/webhook-endpoint";
import { sweepIdleSessions } from "@/modules/core/sessions/application/sweep-idle-sessions";
import { mediaServerFromEnv } from "@/modules/core/sessions/infra/media-server-from-env";
import { deleteSpaceEndpoint } from "@/modules/core/spaces/api/space-endpoints";
import { loadWebEnv } from "@/lib/env/web";
import { call, errorBody, errorCode } from "../support/api";
import { nowSeconds, signedWebhook } from "../support/livekit-webhook";
import { join, newSession, sessionRow, setupSpace } from "../support/sessions";
import { sessionsApi } from "@/modules/core/sessions/api/contract";
import { expectReply } from "../support/contract";

const webhook = (w: { body: string; authorization?: string }) =>
  call(liveKitWebhookEndpoint as never, {
    body: w.body,
    headers: {
      "content-type": "application/webhook+json",
      ...(w.authorization ? { authorization: w.authorization } : {}),
    },
  });

async function participantRow(sessionId: string, identity: string) {
  const [row] = await getDb()
    .select()
    .from(participants)
    .where(and(eq(participants.videoSessionId, sessionId), eq(participants.identity, identity)));
  return row!;
}

describe("ending a session", () => {
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  let rooms: RoomServiceClient;
  beforeAll(async () => {
    ctx = await setupSpace();
    const lk = inject("livekit");
    rooms = new RoomServiceClient(lk.url.replace("ws", "http"), lk.apiKey, lk.apiSecret);
  });

  it("refuses non-hosts with 403 and changes nothing", async () => {
    const s = await newSession(ctx.host, ctx.spaceId);
    await join(s.slug, { user: ctx.member });
    const res = await call(endSessionEndpoint, { user: ctx.member, params: { slug: s.slug } });
    expect(res.status).toBe(403);
    expect((await sessionRow(s.id)).status).toBe("LIVE");
    expect((await call(endSessionEndpoint, { user: ctx.outsider, params: { slug: s.slug } })).status).toBe(
      404,
    );
    expect((await call(endSessionEndpoint, { params: { slug: s.slug } })).status).toBe(401);
  });

  it("ends for everyone: ENDED in Postgres, the LiveKit room deleted, no more joins or tokens", async () => {
    const s = await newSession(ctx.host, ctx.spaceId);
    await join(s.slug, { user: ctx.host });
    await join(s.slug, { user: ctx.member });
    await rooms.createRoom({ name: s.id });
    expect((await rooms.listRooms([s.id])).map((r) => r.name)).toEqual([s.id]);

    const res = await call(endSessionEndpoint, { user: ctx.host, params: { slug: s.slug } });
    expect(res.status).toBe(200);
    const row = await sessionRow(s.id);
    expect(row.status).toBe("ENDED");
    expect(row.endedAt).toBeInstanceOf(Date);
    expect(await rooms.listRooms([s.id])).toHaveLength(0);
    const rows = await getDb().select().from(participants).where(eq(participants.videoSessionId, s.id));
    expect(rows.every((p) => p.leftAt !== null)).toBe(true);

    const late = await call(joinSessionEndpoint, { user: ctx.member, params: { slug: s.slug }, json: {} });
    expect(late.status).toBe(409);
    expect(errorCode(late)).toBe("session_ended");
    expect(errorBody(late).message).toMatch(/ended/);
    const token = await call(tokenEndpoint, { user: ctx.member, params: { slug: s.slug } });
    expect(token.status).toBe(409);
    // Ending again is harmless.
    expect((await call(endSessionEndpoint, { user: ctx.host, params: { slug: s.slug } })).status).toBe(200);
  });
});

describe("LiveKit webhooks", () => {
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  beforeAll(async () => {
    ctx = await setupSpace();
  });

  it("rejects unsigned and forged deliveries with 401 and changes nothing", async () => {
    const s = await newSession(ctx.host, ctx.spaceId);
    const payload = { event: "room_finished", room: { name: s.id, sid: "RM_x" } };
    const forged = await signedWebhook(payload, "not-the-secret-0123456789abcdef0123456");
    expect((await webhook(forged)).status).toBe(401);
    expect((await webhook({ body: forged.body })).status).toBe(401);
    const valid = await signedWebhook(payload);
    const tampered = {
      body: valid.body.replace("room_finished", "room_started"),
      authorization: valid.authorization,
    };
    const res = await webhook(tampered);
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe("unauthenticated");
    expect((await sessionRow(s.id)).status).toBe("CREATED");
  });

  it("follows the room: started → LIVE, participant left → leftAt, finished → ENDED; redelivery is a no-op", async () => {
    const s = await newSession(ctx.host, ctx.spaceId);
    const started = await signedWebhook({ event: "room_started", room: { name: s.id } });
    expect(expectReply(await webhook(started), sessionsApi.webhook).outcome).toBe("applied");
    expect((await sessionRow(s.id)).status).toBe("LIVE");

    const identity = expectReply(await join(s.slug, { user: ctx.member }), sessionsApi.join).participant
      .identity as string;
    const joined = await signedWebhook({
      event: "participant_joined",
      room: { name: s.id },
      participant: { identity },
      createdAt: nowSeconds(-5),
    });
    const left = await signedWebhook({
      event: "participant_left",
      room: { name: s.id },
      participant: { identity },
    });
    expect(expectReply(await webhook(joined), sessionsApi.webhook).outcome).toBe("applied");
    expect(expectReply(await webhook(left), sessionsApi.webhook).outcome).toBe("applied");
    const leftAt = (await participantRow(s.id, identity)).leftAt;
    expect(leftAt).toBeInstanceOf(Date);

    // Redelivered, or arriving late, an older "joined" must not bring the participant back.
    expect(expectReply(await webhook(joined), sessionsApi.webhook).outcome).toBe("duplicate");
    const lateJoin = await signedWebhook({
      event: "participant_joined",
      room: { name: s.id },
      participant: { identity },
      createdAt: nowSeconds(-10),
    });
    await webhook(lateJoin);
    expect((await participantRow(s.id, identity)).leftAt).toEqual(leftAt);

    const finished = await signedWebhook({ event: "room_finished", room: { name: s.id } });
    expect(expectReply(await webhook(finished), sessionsApi.webhook).outcome).toBe("applied");
    const ended = await sessionRow(s.id);
    expect(ended.status).toBe("ENDED");
    expect(expectReply(await webhook(finished), sessionsApi.webhook).outcome).toBe("duplicate");
    expect((await sessionRow(s.id)).endedAt).toEqual(ended.endedAt);
  });

  it("ignores rooms that are not sessions", async () => {
    const res = await webhook(
      await signedWebhook({ event: "room_started", room: { name: "someone-elses-room" } }),
    );
    expect(res.status).toBe(200);
    expect(expectReply(res, sessionsApi.webhook).outcome).toBe("ignored");
  });

  it("refuses oversized bodies with 413", async () => {
    const big = await signedWebhook({
      event: "room_started",
      room: { name: "x" },
      padding: "x".repeat(70_000),
    });
    expect((await webhook(big)).status).toBe(413);
  });
});

describe("inactivity sweeper", () => {
  const stale = (id: string) =>
    getDb()
      .update(videoSessions)
      .set({ lastActivityAt: new Date(Date.now() - 10 * 60_000) })
      .where(eq(videoSessions.id, id));

  it("without a media server, ends LIVE sessions nobody is recorded in, and only those", async () => {
    const ctx = await setupSpace();
    const idle = await newSession(ctx.host, ctx.spaceId);
    const busy = await newSession(ctx.host, ctx.spaceId);
    await join(idle.slug, { user: ctx.host });
    await join(busy.slug, { user: ctx.host });
    const hostIdentity = `user-${ctx.host.id}`;
    await webhook(
      await signedWebhook({
        event: "participant_left",
        room: { name: idle.id },
        participant: { identity: hostIdentity },
      }),
    );
    await stale(idle.id);
    await stale(busy.id);

    const ended = await sweepIdleSessions({ ...deps(), media: null }, { idleMs: 5 * 60_000 });
    expect(ended).toContain(idle.id);
    expect(ended).not.toContain(busy.id);
    expect((await sessionRow(idle.id)).status).toBe("ENDED");
    expect((await sessionRow(busy.id)).status).toBe("LIVE");
    // Still there, so it counts as active again.
    expect((await sessionRow(busy.id)).lastActivityAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(await sweepIdleSessions({ ...deps(), media: null }, { idleMs: 5 * 60_000 })).not.toContain(
      idle.id,
    );
  });

  it("asks the real media server who is in the room: a join that never connected does not keep a session alive", async () => {
    const ctx = await setupSpace();
    const s = await newSession(ctx.host, ctx.spaceId);
    await join(s.slug, { user: ctx.host }); // participant row "present", but nobody connected to LiveKit
    await stale(s.id);
    const media = mediaServerFromEnv(loadWebEnv())!;
    expect(await sweepIdleSessions({ ...deps(), media }, { idleMs: 5 * 60_000 })).toContain(s.id);
    expect((await sessionRow(s.id)).status).toBe("ENDED");
  });

  it("keeps a stale session whose room still has people, and marks it active", async () => {
    const ctx = await setupSpace();
    const s = await newSession(ctx.host, ctx.spaceId);
    await join(s.slug, { user: ctx.host });
    await stale(s.id);
    const occupied = { ...mediaServerFromEnv(loadWebEnv())!, countParticipants: async () => 2 };
    expect(await sweepIdleSessions({ ...deps(), media: occupied }, { idleMs: 5 * 60_000 })).not.toContain(
      s.id,
    );
    const row = await sessionRow(s.id);
    expect(row.status).toBe("LIVE");
    expect(row.lastActivityAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe("deleting a space with a call in progress", () => {
  it("closes the session's LiveKit room", async () => {
    const ctx = await setupSpace();
    const s = await newSession(ctx.host, ctx.spaceId);
    await join(s.slug, { user: ctx.host });
    const lk = inject("livekit");
    const rooms = new RoomServiceClient(lk.url.replace("ws", "http"), lk.apiKey, lk.apiSecret);
    await rooms.createRoom({ name: s.id });
    const res = await call(deleteSpaceEndpoint, {
      method: "DELETE",
      user: ctx.host,
      params: { spaceId: ctx.spaceId },
    });
    expect(res.status).toBe(204);
    expect(await rooms.listRooms([s.id])).toHaveLength(0);
    expect(await getDb().select().from(videoSessions).where(eq(videoSessions.id, s.id))).toHaveLength(0);
  });
});
