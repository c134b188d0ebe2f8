import { Room } from "@livekit/rtc-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenEndpoint } from "@/modules/core/sessions/api/session-endpoints";
import { call } from "../support/api";
import { join, liveKitRooms, newSession, setupSpace } from "../support/sessions";
import { sessionsApi } from "@/modules/core/sessions/api/contract";
import { expectReply } from "../support/contract";

/**
 * Names and roles in a call are the server's: a participant connected with the token Rooms issued
 * (through the real API, into the real livekit-server, with LiveKit's own Node SDK) tries to rename
 * itself to the host, to set the HOST role in its metadata and to set attributes. The room, as
 * livekit-server keeps it and hands it to every other participant, must still carry what the
 * token said.
 */
describe("a participant cannot change its own name, role or attributes", () => {
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  const rooms: Room[] = [];

  beforeAll(async () => {
    ctx = await setupSpace();
  });
  afterAll(async () => {
    for (const r of rooms) await r.disconnect().catch(() => {});
  });

  async function connect(slug: string, who: { user?: typeof ctx.member; displayName?: string }) {
    const joined = await join(slug, who);
    expect(joined.status).toBe(200);
    const cookie = joined.headers.get("set-cookie")?.split(";")[0];
    const res = await call(tokenEndpoint, { user: who.user, cookie, params: { slug } });
    expect(res.status).toBe(200);
    const room = new Room();
    rooms.push(room);
    await room.connect(expectReply(res, sessionsApi.token).url, expectReply(res, sessionsApi.token).token, {
      autoSubscribe: false,
      dynacast: false,
    });
    return room;
  }

  it.each([
    ["an anonymous guest", { displayName: "Gina Guest" }],
    ["a signed-in participant", { member: true }],
  ] as const)("%s", async (_, who) => {
    const s = await newSession(ctx.host, ctx.spaceId, { allowGuests: true });
    const room = await connect(s.slug, "member" in who ? { user: ctx.member } : who);
    const me = room.localParticipant!;
    const before = (await liveKitRooms().getParticipant(s.id, me.identity))!;
    // A bidi override and a zero-width space: what the display-name rule refuses at join.
    await me.updateName("Hana Host\u202e\u200b").catch(() => {});
    await me.updateMetadata(JSON.stringify({ role: "HOST" })).catch(() => {});
    await me.setAttributes({ "rooms.captions.state": "streaming" }).catch(() => {});
    // The SDK waits for each request to go out; the next one on the same signalling connection is
    // handled after it, so by the time this list is read every attempt has been decided.
    await me.setAttributes({}).catch(() => {});
    const after = (await liveKitRooms().getParticipant(s.id, me.identity))!;
    expect(after.name).toBe(before.name);
    expect(after.name).toBe("member" in who ? "Max Member" : "Gina Guest");
    expect(after.metadata).toBe(before.metadata);
    expect(JSON.parse(after.metadata || "{}").role).not.toBe("HOST");
    expect(after.attributes).toEqual({});
  });
});
