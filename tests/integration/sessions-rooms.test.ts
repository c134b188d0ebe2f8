import { beforeAll, describe, expect, inject, it } from "vitest";
import { deps } from "@/server/deps";
import { loadWebEnv } from "@/lib/env/web";
import { endSessionEndpoint } from "@/modules/core/sessions/api/session-endpoints";
import { liveKitWebhookEndpoint } from "@/modules/core/sessions/api/webhook-endpoint";
import { endSession } from "@/modules/core/sessions/application/end-session";
import type { MediaServer } from "@/modules/core/sessions/application/media-server";
import { sweepIdleSessions } from "@/modules/core/sessions/application/sweep-idle-sessions";
import { mediaServerFromEnv } from "@/modules/core/sessions/infra/media-server-from-env";
import { call, errorCode } from "../support/api";
import { signedWebhook } from "../support/livekit-webhook";
import {
  connectToRoom,
  join,
  liveKitRooms,
  newSession,
  sessionRow,
  setupSpace,
  token,
} from "../support/sessions";
import { sessionsApi } from "@/modules/core/sessions/api/contract";
import { expectReply } from "../support/contract";

const roomExists = async (id: string) => (await liveKitRooms().listRooms([id])).length === 1;

const webhook = async (payload: Record<string, unknown>) => {
  const w = await signedWebhook(payload);
  return call(liveKitWebhookEndpoint as never, {
    body: w.body,
    headers: { "content-type": "application/webhook+json", authorization: w.authorization },
  });
};

/** The real adapter, with deleteRoom failing the first `failures` times. */
function flakyDeletes(failures: number) {
  const real = mediaServerFromEnv(loadWebEnv())!;
  const calls = { deleteRoom: 0 };
  const media: MediaServer = {
    ...real,
    async deleteRoom(room) {
      calls.deleteRoom++;
      if (calls.deleteRoom <= failures) throw new Error("connect ECONNREFUSED (simulated)");
      return real.deleteRoom(room);
    },
  };
  return { media, calls };
}

describe("LiveKit rooms follow the session", () => {
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  beforeAll(async () => {
    ctx = await setupSpace();
  });

  it("a join creates the room with the session's limit; a client cannot create one by connecting", async () => {
    const s = await newSession(ctx.host, ctx.spaceId, { maxParticipants: 5 });
    const lk = inject("livekit");
    // A token for a session nobody has joined yet (so no room): the media server refuses it.
    const early = await connectToRoom(lk.url, await mintToken(s.id, "user-early"));
    expect(early).toMatchObject({ joined: false, status: 404 });
    expect(await roomExists(s.id)).toBe(false);

    expect((await join(s.slug, { user: ctx.host })).status).toBe(200);
    const [room] = await liveKitRooms().listRooms([s.id]);
    expect(room?.maxParticipants).toBe(5);
    expect(room?.emptyTimeout).toBeGreaterThan(0);
    expect(room?.departureTimeout).toBeGreaterThan(0);
  });

  it("a token minted before the end cannot bring the room back after it", async () => {
    const s = await newSession(ctx.host, ctx.spaceId);
    await join(s.slug, { user: ctx.host });
    await join(s.slug, { user: ctx.member });
    const memberToken = expectReply(await token(s.slug, { user: ctx.member }), sessionsApi.token);
    const lk = inject("livekit");
    const first = await connectToRoom(memberToken.url, memberToken.token);
    expect(first.joined).toBe(true);
    expect((await liveKitRooms().listParticipants(s.id)).map((p) => p.identity)).toEqual([
      `user-${ctx.member.id}`,
    ]);
    if (first.joined) first.close();

    expect((await call(endSessionEndpoint, { user: ctx.host, params: { slug: s.slug } })).status).toBe(200);
    expect(await roomExists(s.id)).toBe(false);

    const again = await connectToRoom(lk.url, memberToken.token);
    expect(again).toMatchObject({ joined: false, status: 404 });
    expect(await roomExists(s.id)).toBe(false);
  });

  it("a webhook for the room of an ended session deletes the room", async () => {
    const s = await newSession(ctx.host, ctx.spaceId);
    await join(s.slug, { user: ctx.host });
    await call(endSessionEndpoint, { user: ctx.host, params: { slug: s.slug } });
    // The room is back (as after a failed delete or a join racing the end).
    await liveKitRooms().createRoom({ name: s.id });

    const started = await webhook({ event: "room_started", room: { name: s.id } });
    expect(expectReply(started, sessionsApi.webhook).outcome).toBe("room_closed");
    expect(await roomExists(s.id)).toBe(false);

    await liveKitRooms().createRoom({ name: s.id });
    const joined = await webhook({
      event: "participant_joined",
      room: { name: s.id },
      participant: { identity: `user-${ctx.member.id}` },
    });
    expect(expectReply(joined, sessionsApi.webhook).outcome).toBe("room_closed");
    expect(await roomExists(s.id)).toBe(false);
    expect((await sessionRow(s.id)).status).toBe("ENDED");
  });

  it("retries a failing deleteRoom while ending", async () => {
    const s = await newSession(ctx.host, ctx.spaceId);
    await join(s.slug, { user: ctx.host });
    expect(await roomExists(s.id)).toBe(true);
    const { media, calls } = flakyDeletes(2);
    const ended = await endSession({ ...deps(), media }, { slug: s.slug, user: ctx.host });
    expect(ended.status).toBe("ENDED");
    expect(calls.deleteRoom).toBe(3);
    expect(await roomExists(s.id)).toBe(false);
  });

  it("when every delete fails: 503, the session stays ENDED, and the sweeper closes the leftover room", async () => {
    const s = await newSession(ctx.host, ctx.spaceId);
    await join(s.slug, { user: ctx.host });
    const { media, calls } = flakyDeletes(Infinity);
    const err = await endSession({ ...deps(), media }, { slug: s.slug, user: ctx.host }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: "media_unavailable", kind: "unavailable" });
    expect(calls.deleteRoom).toBeGreaterThan(1);
    expect((await sessionRow(s.id)).status).toBe("ENDED");
    expect(await roomExists(s.id)).toBe(true);
    // No new tokens for it meanwhile.
    expect(errorCode(await token(s.slug, { user: ctx.host }))).toBe("session_ended");

    await sweepIdleSessions({ ...deps(), media: mediaServerFromEnv(loadWebEnv()) }, { idleMs: 5 * 60_000 });
    expect(await roomExists(s.id)).toBe(false);
  });
});

async function mintToken(room: string, identity: string) {
  const media = mediaServerFromEnv(loadWebEnv())!;
  return (await media.issueToken({ room, identity, name: identity, metadata: "{}" })).token;
}
