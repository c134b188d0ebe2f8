import {
  AudioSource,
  DisconnectReason,
  LocalAudioTrack,
  Room,
  RoomEvent,
  TrackPublishOptions,
  TrackSource,
} from "@livekit/rtc-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  handEndpoint,
  muteParticipantEndpoint,
  removeParticipantEndpoint,
} from "@/modules/core/sessions/api/people-endpoints";
import { tokenEndpoint } from "@/modules/core/sessions/api/session-endpoints";
import { peopleApi, sessionsApi } from "@/modules/core/sessions/api/contract";
import { HAND_ATTRIBUTE, MODERATION_TOPIC } from "@/modules/core/sessions/domain/room-signals";
import { call, errorCode, type TestUser } from "../support/api";
import { expectReply } from "../support/contract";
import { join, liveKitRooms, newSession, setupSpace } from "../support/sessions";

type Who = { user?: TestUser; displayName?: string; cookie?: string };

/**
 * Host tools against the real livekit-server: the endpoints check the caller's role on the server,
 * the media server really mutes and disconnects, and a removed participant gets no way back in.
 */
describe("host tools: mute, remove, hands", () => {
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  const rooms: Room[] = [];

  beforeAll(async () => {
    ctx = await setupSpace();
  });
  afterAll(async () => {
    for (const r of rooms) await r.disconnect().catch(() => {});
  });

  async function connect(slug: string, who: Who) {
    const joined = await join(slug, who);
    expect(joined.status).toBe(200);
    const cookie = who.cookie ?? joined.headers.get("set-cookie")?.split(";")[0];
    const res = await call(tokenEndpoint, { user: who.user, cookie, params: { slug } });
    const issued = expectReply(res, sessionsApi.token);
    const room = new Room();
    rooms.push(room);
    await room.connect(issued.url, issued.token, { autoSubscribe: false, dynacast: false });
    return { room, cookie, identity: issued.identity };
  }

  const post = (handler: typeof muteParticipantEndpoint, slug: string, who: Who, identity: string) =>
    call(handler, { user: who.user, cookie: who.cookie, params: { slug }, json: { identity } });
  const hand = (slug: string, who: Who, json: { raised: boolean; identity?: string }) =>
    call(handEndpoint, { method: "PUT", user: who.user, cookie: who.cookie, params: { slug }, json });

  it("the host mutes a participant's microphone and the server tells them; nobody else can", async () => {
    const s = await newSession(ctx.host, ctx.spaceId, { allowGuests: true });
    await connect(s.slug, { user: ctx.host });
    const member = await connect(s.slug, { user: ctx.member });
    const source = new AudioSource(48000, 1);
    await member.room.localParticipant!.publishTrack(
      LocalAudioTrack.createAudioTrack("mic", source),
      new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE }),
    );
    const notice = new Promise<{ from: string | undefined; text: string }>((resolve) =>
      member.room.on(RoomEvent.DataReceived, (payload, participant, _kind, topic) => {
        if (topic === MODERATION_TOPIC) {
          resolve({ from: participant?.identity, text: new TextDecoder().decode(payload) });
        }
      }),
    );

    // A guest and a plain member cannot mute anyone.
    const guest = await connect(s.slug, { displayName: "Gina Guest" });
    for (const who of [{ cookie: guest.cookie }, { user: ctx.outsider }]) {
      const res = await post(muteParticipantEndpoint, s.slug, who, member.identity);
      expect([401, 403, 404]).toContain(res.status);
    }
    const refused = await post(muteParticipantEndpoint, s.slug, { user: ctx.member }, guest.identity);
    expect([refused.status, errorCode(refused)]).toEqual([403, "forbidden"]);
    const [before] = (await liveKitRooms().getParticipant(s.id, member.identity)).tracks;
    expect(before?.muted).toBe(false);

    const res = await post(muteParticipantEndpoint, s.slug, { user: ctx.host }, member.identity);
    expect(expectReply(res, peopleApi.mute)).toEqual({ muted: true });
    const [after] = (await liveKitRooms().getParticipant(s.id, member.identity)).tracks;
    expect(after?.muted).toBe(true);
    // From the server (no participant sender), so no participant can fake "the host muted you".
    expect(await notice).toEqual({ from: undefined, text: JSON.stringify({ type: "muted" }) });
    await source.close();
  });

  it("the host removes a participant, who cannot come back with the link or a fresh token", async () => {
    const s = await newSession(ctx.host, ctx.spaceId, { allowGuests: true });
    await connect(s.slug, { user: ctx.host });
    const member = await connect(s.slug, { user: ctx.member });
    const guest = await connect(s.slug, { displayName: "Gina Guest" });

    const notHost = await post(removeParticipantEndpoint, s.slug, { user: ctx.member }, guest.identity);
    expect([notHost.status, errorCode(notHost)]).toEqual([403, "forbidden"]);
    const self = await post(removeParticipantEndpoint, s.slug, { user: ctx.host }, `user-${ctx.host.id}`);
    expect([self.status, errorCode(self)]).toEqual([422, "cannot_remove_self"]);
    const nobody = await post(removeParticipantEndpoint, s.slug, { user: ctx.host }, "user-nobody");
    expect([nobody.status, errorCode(nobody)]).toEqual([404, "participant_not_found"]);

    for (const who of [member, guest]) {
      const gone = new Promise<DisconnectReason | undefined>((resolve) =>
        who.room.once(RoomEvent.Disconnected, resolve),
      );
      const res = await post(removeParticipantEndpoint, s.slug, { user: ctx.host }, who.identity);
      expect(expectReply(res, peopleApi.remove)).toEqual({ removed: true });
      expect(await gone).toBe(DisconnectReason.PARTICIPANT_REMOVED);
    }
    for (const who of [{ user: ctx.member }, { cookie: guest.cookie }]) {
      const rejoin = await join(s.slug, who);
      expect([rejoin.status, errorCode(rejoin)]).toEqual([403, "participant_removed"]);
      const fresh = await call(tokenEndpoint, { ...who, params: { slug: s.slug } });
      expect([fresh.status, errorCode(fresh)]).toEqual([403, "participant_removed"]);
    }
    const present = (await liveKitRooms().listParticipants(s.id)).map((p) => p.identity);
    expect(present).toEqual([`user-${ctx.host.id}`]);
  });

  it("a hand is raised only by its owner, stamped by the server; only the host lowers another's", async () => {
    const s = await newSession(ctx.host, ctx.spaceId, { allowGuests: true });
    const host = await connect(s.slug, { user: ctx.host });
    const guest = await connect(s.slug, { displayName: "Gina Guest" });
    const attribute = async (identity: string) =>
      (await liveKitRooms().getParticipant(s.id, identity)).attributes[HAND_ATTRIBUTE];

    const raised = expectReply(
      await hand(s.slug, { cookie: guest.cookie }, { raised: true }),
      peopleApi.hand,
    );
    expect(raised.identity).toBe(guest.identity);
    expect(await attribute(guest.identity)).toBe(raised.raisedAt);
    // Naming someone else: raising their hand is refused for everyone, lowering it for non-hosts.
    for (const [who, body] of [
      [{ cookie: guest.cookie }, { raised: true, identity: host.identity }],
      [{ cookie: guest.cookie }, { raised: false, identity: host.identity }],
      [{ user: ctx.host }, { raised: true, identity: guest.identity }],
    ] as const) {
      const res = await hand(s.slug, who, body);
      expect([res.status, errorCode(res)]).toEqual([403, "forbidden"]);
    }
    expect(await attribute(host.identity)).toBeUndefined();
    // A participant cannot set the attribute themselves (canUpdateOwnMetadata: false).
    await host.room
      .localParticipant!.setAttributes({ [HAND_ATTRIBUTE]: "2000-01-01T00:00:00.000Z" })
      .catch(() => {});
    await host.room.localParticipant!.setAttributes({}).catch(() => {});
    expect(await attribute(host.identity)).toBeUndefined();

    const lowered = await hand(s.slug, { user: ctx.host }, { raised: false, identity: guest.identity });
    expect(expectReply(lowered, peopleApi.hand)).toEqual({ identity: guest.identity, raisedAt: null });
    expect(await attribute(guest.identity)).toBeFalsy();
  });
});
