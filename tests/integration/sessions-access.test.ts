import { eq } from "drizzle-orm";
import { TokenVerifier } from "livekit-server-sdk";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "@/server/db";
import { users } from "@/lib/db/schema/identity";
import { videoSessions } from "@/lib/db/schema/sessions";
import { endSessionEndpoint, getSessionEndpoint } from "@/modules/core/sessions/api/session-endpoints";
import { leaveSpaceEndpoint, removeMemberEndpoint } from "@/modules/core/spaces/api/member-endpoints";
import { call, errorBody, errorCode, makeUser } from "../support/api";
import { join, newSession, sessionRow, setupSpace, token } from "../support/sessions";
import { addMember } from "../support/members";
import { sessionsApi } from "@/modules/core/sessions/api/contract";
import { expectReply } from "../support/contract";

const claimsOf = (jwt: string) => {
  const { apiKey, apiSecret } = inject("livekit");
  return new TokenVerifier(apiKey, apiSecret).verify(jwt);
};

describe("a creator who is no longer in the space", () => {
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  beforeAll(async () => {
    ctx = await setupSpace();
  });

  it("loses HOST, roomAdmin and the right to end once removed (on a session open to guests)", async () => {
    // The member creates and hosts; the space owner then removes them.
    const s = await newSession(ctx.member, ctx.spaceId, { allowGuests: true });
    expect(expectReply(await join(s.slug, { user: ctx.member }), sessionsApi.join).participant.role).toBe(
      "HOST",
    );
    const before = await claimsOf(
      expectReply(await token(s.slug, { user: ctx.member }), sessionsApi.token).token,
    );
    expect(JSON.parse(before.metadata!)).toEqual({ role: "HOST" });

    const removed = await call(removeMemberEndpoint, {
      method: "DELETE",
      user: ctx.host,
      params: { spaceId: ctx.spaceId, userId: ctx.member.id },
    });
    expect(removed.status).toBe(204);

    // The old participant row says HOST; the token must not trust it.
    const tok = await token(s.slug, { user: ctx.member });
    expect(tok.status).toBe(200);
    const claims = await claimsOf(expectReply(tok, sessionsApi.token).token);
    expect(Boolean(claims.video?.roomAdmin)).toBe(false);
    expect(JSON.parse(claims.metadata!)).toEqual({ role: "GUEST" });

    const rejoined = await join(s.slug, { user: ctx.member });
    expect(rejoined.status).toBe(200);
    expect(expectReply(rejoined, sessionsApi.join).participant.role).toBe("GUEST");
    const view = await call(getSessionEndpoint, { user: ctx.member, params: { slug: s.slug } });
    expect(expectReply(view, sessionsApi.get).session.viewer).toMatchObject({ role: "GUEST", canEnd: false });

    const end = await call(endSessionEndpoint, { user: ctx.member, params: { slug: s.slug } });
    expect(end.status).toBe(403);
    expect((await sessionRow(s.id)).status).toBe("LIVE");
  });

  it("loses HOST after leaving, and a members-only session becomes a 404", async () => {
    const leaver = await makeUser("Lea Leaver");
    await addMember(ctx.host, ctx.spaceId, leaver);
    const open = await newSession(leaver, ctx.spaceId, { allowGuests: true });
    const closed = await newSession(leaver, ctx.spaceId);
    await join(open.slug, { user: leaver });
    await join(closed.slug, { user: leaver });
    const left = await call(leaveSpaceEndpoint, {
      method: "POST",
      user: leaver,
      params: { spaceId: ctx.spaceId },
    });
    expect(left.status).toBe(204);

    expect(expectReply(await join(open.slug, { user: leaver }), sessionsApi.join).participant.role).toBe(
      "GUEST",
    );
    expect((await call(endSessionEndpoint, { user: leaver, params: { slug: open.slug } })).status).toBe(403);
    for (const res of [
      await join(closed.slug, { user: leaver }),
      await token(closed.slug, { user: leaver }),
      await call(endSessionEndpoint, { user: leaver, params: { slug: closed.slug } }),
    ]) {
      expect(res.status).toBe(404);
    }
    // The space's owner can still end it.
    expect((await call(endSessionEndpoint, { user: ctx.host, params: { slug: closed.slug } })).status).toBe(
      200,
    );
  });
});

describe("anonymous visitors", () => {
  it("get the same answer for a members-only session as for one that does not exist", async () => {
    const ctx = await setupSpace();
    const s = await newSession(ctx.host, ctx.spaceId);
    const unknown = "zzz-zzzz-zzz";
    const answers = async (slug: string) => [
      await call(getSessionEndpoint, { params: { slug } }),
      await join(slug, { displayName: "Anon" }),
      await token(slug),
    ];
    const [real, missing] = [await answers(s.slug), await answers(unknown)];
    for (const [i, res] of real.entries()) {
      expect(res.status).toBe(404);
      expect(errorCode(res)).toBe("session_not_found");
      expect(res.json).toEqual(missing[i]!.json);
      expect(missing[i]!.status).toBe(404);
    }
    // The message points an invited visitor at signing in.
    expect(errorBody(real[0]!).message).toMatch(/sign in/i);
  });

  it("a deleted user's cookie counts as anonymous on the token route", async () => {
    const ctx = await setupSpace();
    const s = await newSession(ctx.host, ctx.spaceId);
    await join(s.slug, { user: ctx.member });
    expect((await token(s.slug, { user: ctx.member })).status).toBe(200);
    await getDb().delete(users).where(eq(users.id, ctx.member.id));
    const res = await token(s.slug, { user: ctx.member });
    expect(res.status).toBe(404);
    expect(errorCode(res)).toBe("session_not_found");
  });
});

describe("the token route", () => {
  it("writes session activity at most once a minute", async () => {
    const ctx = await setupSpace();
    const s = await newSession(ctx.host, ctx.spaceId);
    await join(s.slug, { user: ctx.host });
    const setActivity = (at: Date) =>
      getDb().update(videoSessions).set({ lastActivityAt: at }).where(eq(videoSessions.id, s.id));

    const recent = new Date(Date.now() - 30_000);
    await setActivity(recent);
    expect((await token(s.slug, { user: ctx.host })).status).toBe(200);
    expect((await sessionRow(s.id)).lastActivityAt).toEqual(recent);

    await setActivity(new Date(Date.now() - 5 * 60_000));
    expect((await token(s.slug, { user: ctx.host })).status).toBe(200);
    expect((await sessionRow(s.id)).lastActivityAt.getTime()).toBeGreaterThan(Date.now() - 10_000);
  });
});
