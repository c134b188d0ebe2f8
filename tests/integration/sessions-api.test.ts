import { eq } from "drizzle-orm";
import { TokenVerifier } from "livekit-server-sdk";
import { beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { getDb } from "@/server/db";
import { participants, videoSessions } from "@/lib/db/schema/sessions";
import { users } from "@/lib/db/schema/identity";
import {
  createSessionEndpoint,
  getSessionEndpoint,
  joinSessionEndpoint,
  tokenEndpoint,
} from "@/modules/core/sessions/api/session-endpoints";
import { updateProfileEndpoint } from "@/modules/core/identity/api/profile-endpoints";
import { listSpaceSessionsEndpoint } from "@/modules/core/sessions/api/session-list-endpoint";
import { call, errorCode } from "../support/api";
import { join, newSession, sessionRow, setupSpace } from "../support/sessions";
import { sessionsApi } from "@/modules/core/sessions/api/contract";
import { expectReply } from "../support/contract";

describe("creating sessions", () => {
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  beforeAll(async () => {
    ctx = await setupSpace();
  });

  it("creates a session with a shareable slug and the spec's defaults", async () => {
    const s = await newSession(ctx.member, ctx.spaceId, {
      title: "Planning",
      maxParticipants: 5,
      allowGuests: true,
    });
    expect(s.slug).toMatch(/^[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    expect(s).toMatchObject({
      status: "CREATED",
      maxParticipants: 5,
      allowGuests: true,
      transcriptionEnabled: true,
    });
    expect((await sessionRow(s.id)).createdByUserId).toBe(ctx.member.id);
  });

  it.each([
    [{ title: "" }, 422],
    [{ title: "x", maxParticipants: 1 }, 422],
    [{ title: "x", maxParticipants: "ten" }, 422],
    [{ title: "x", transcriptionLanguage: "klingon" }, 422],
    [{ title: "x", allowGuests: "yes" }, 422],
    [{ title: "x", extra: true }, 422],
  ])("refuses %j and creates nothing", async (json, status) => {
    const res = await call(createSessionEndpoint, { user: ctx.host, params: { spaceId: ctx.spaceId }, json });
    expect(res.status).toBe(status);
    errorCode(res);
    const rows = await getDb().select().from(videoSessions).where(eq(videoSessions.spaceId, ctx.spaceId));
    expect(rows.every((r) => r.title !== "x")).toBe(true);
  });

  it("hides the space from outsiders and requires sign-in", async () => {
    const res = await call(createSessionEndpoint, {
      user: ctx.outsider,
      params: { spaceId: ctx.spaceId },
      json: { title: "x" },
    });
    expect(res.status).toBe(404);
    expect(
      (await call(createSessionEndpoint, { params: { spaceId: ctx.spaceId }, json: { title: "x" } })).status,
    ).toBe(401);
  });
});

describe("joining and tokens", () => {
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  beforeAll(async () => {
    ctx = await setupSpace();
  });

  it("makes the creator HOST, members GUEST, and the first join starts the session", async () => {
    const s = await newSession(ctx.host, ctx.spaceId);
    const hostJoin = await join(s.slug, { user: ctx.host });
    expect(hostJoin.status).toBe(200);
    expect(expectReply(hostJoin, sessionsApi.join).participant).toMatchObject({
      role: "HOST",
      userId: ctx.host.id,
      displayName: "Hana Host",
    });
    expect((await sessionRow(s.id)).status).toBe("LIVE");
    const memberJoin = await join(s.slug, { user: ctx.member });
    expect(expectReply(memberJoin, sessionsApi.join).participant).toMatchObject({
      role: "GUEST",
      userId: ctx.member.id,
    });
    // Joining twice keeps one row.
    await join(s.slug, { user: ctx.member });
    const rows = await getDb().select().from(participants).where(eq(participants.videoSessionId, s.id));
    expect(rows).toHaveLength(2);
  });

  it("joins a renamed user under the new name, not the one in their session token", async () => {
    const s = await newSession(ctx.host, ctx.spaceId);
    await call(updateProfileEndpoint, { method: "PATCH", user: ctx.member, json: { name: "Maxine Member" } });
    const joined = await join(s.slug, { user: ctx.member });
    expect(expectReply(joined, sessionsApi.join).participant.displayName).toBe("Maxine Member");
  });

  it("joins a signed-in person under their account name, whatever name the request carries", async () => {
    const s = await newSession(ctx.host, ctx.spaceId, { allowGuests: true });
    // A member and an outsider each claim the host's name: the call shows their own.
    for (const who of [ctx.member, ctx.outsider]) {
      const [own] = await getDb().select({ name: users.name }).from(users).where(eq(users.id, who.id));
      const joined = await join(s.slug, { user: who, displayName: "Hana Host" });
      expect(expectReply(joined, sessionsApi.join).participant.displayName).toBe(own!.name);
    }
  });

  it("lists a space's sessions to its members only", async () => {
    const s = await newSession(ctx.host, ctx.spaceId);
    const list = await call(listSpaceSessionsEndpoint, {
      user: ctx.member,
      params: { spaceId: ctx.spaceId },
    });
    expect(list.status).toBe(200);
    expect(expectReply(list, sessionsApi.list).sessions.map((x: { slug: string }) => x.slug)).toContain(
      s.slug,
    );
    expect(
      (await call(listSpaceSessionsEndpoint, { user: ctx.outsider, params: { spaceId: ctx.spaceId } }))
        .status,
    ).toBe(404);
    expect(
      (await call(listSpaceSessionsEndpoint, { user: ctx.member, params: { spaceId: "nope" } })).status,
    ).toBe(404);
    expect((await call(listSpaceSessionsEndpoint, { params: { spaceId: ctx.spaceId } })).status).toBe(401);
  });

  it("keeps members-only sessions to the space: 404 for outsiders and for anonymous visitors", async () => {
    const s = await newSession(ctx.host, ctx.spaceId);
    const out = await join(s.slug, { user: ctx.outsider });
    expect(out.status).toBe(404);
    expect(errorCode(out)).toBe("session_not_found");
    expect((await call(getSessionEndpoint, { user: ctx.outsider, params: { slug: s.slug } })).status).toBe(
      404,
    );
    expect((await join(s.slug, { displayName: "Anon" })).status).toBe(404);
    expect((await call(tokenEndpoint, { user: ctx.outsider, params: { slug: s.slug } })).status).toBe(404);
    expect(
      await getDb().select().from(participants).where(eq(participants.videoSessionId, s.id)),
    ).toHaveLength(0);
  });

  it("lets an anonymous guest join by link with a name, stable across reloads", async () => {
    const s = await newSession(ctx.host, ctx.spaceId, { allowGuests: true });
    expect((await join(s.slug)).status).toBe(422);
    const first = await join(s.slug, { displayName: "Gina Guest" });
    expect(first.status).toBe(200);
    const setCookie = first.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/rooms-guest=[^;]+/);
    expect(setCookie.toLowerCase()).toContain("httponly");
    const cookie = setCookie.split(";")[0]!;
    const again = await join(s.slug, { cookie, displayName: "Gina G." });
    expect(expectReply(again, sessionsApi.join).participant.identity).toBe(
      expectReply(first, sessionsApi.join).participant.identity,
    );
    expect(expectReply(again, sessionsApi.join).participant.displayName).toBe("Gina G.");
    const view = await call(getSessionEndpoint, { cookie, params: { slug: s.slug } });
    expect(expectReply(view, sessionsApi.get).session.viewer.participant!.identity).toBe(
      expectReply(first, sessionsApi.join).participant.identity,
    );
    // A tampered cookie is a stranger, not that guest.
    const forged = cookie.replace(/\.[^.]+$/, ".AAAA");
    const other = await join(s.slug, { cookie: forged, displayName: "Mallory" });
    expect(expectReply(other, sessionsApi.join).participant.identity).not.toBe(
      expectReply(first, sessionsApi.join).participant.identity,
    );
  });

  it("enforces max participants at join, not counting a rejoin", async () => {
    const s = await newSession(ctx.host, ctx.spaceId, { maxParticipants: 2, allowGuests: true });
    expect((await join(s.slug, { user: ctx.host })).status).toBe(200);
    expect((await join(s.slug, { user: ctx.member })).status).toBe(200);
    const third = await join(s.slug, { displayName: "Late" });
    expect(third.status).toBe(409);
    expect(errorCode(third)).toBe("session_full");
    expect((await join(s.slug, { user: ctx.host })).status).toBe(200);
  });

  it("issues short-lived LiveKit tokens: room = session, identity = participant, admin only for the host", async () => {
    const s = await newSession(ctx.host, ctx.spaceId);
    const early = await call(tokenEndpoint, { user: ctx.member, params: { slug: s.slug } });
    expect(early.status).toBe(403);
    expect(errorCode(early)).toBe("join_required");
    await join(s.slug, { user: ctx.host });
    await join(s.slug, { user: ctx.member });
    const { apiKey, apiSecret, url } = inject("livekit");
    const verifier = new TokenVerifier(apiKey, apiSecret);
    // Nobody's browser is a room admin, the host's neither: host tools go through the server.
    for (const user of [ctx.host, ctx.member]) {
      const res = await call(tokenEndpoint, { user, params: { slug: s.slug } });
      expect(res.status).toBe(200);
      expect(expectReply(res, sessionsApi.token).url).toBe(url);
      const claims = await verifier.verify(expectReply(res, sessionsApi.token).token);
      expect(claims.sub).toBe(`user-${user.id}`);
      expect(claims.video).toMatchObject({
        room: s.id,
        roomJoin: true,
        canPublish: true,
        canSubscribe: true,
        canPublishData: true,
        canUpdateOwnMetadata: false,
      });
      expect(Boolean(claims.video?.roomAdmin)).toBe(false);
      expect(claims.exp! - claims.nbf!).toBeLessThanOrEqual(600);
    }
  });

  it("answers malformed slugs and bodies with clear errors", async () => {
    expect((await call(getSessionEndpoint, { user: ctx.host, params: { slug: "../../etc" } })).status).toBe(
      404,
    );
    expect(
      (await call(getSessionEndpoint, { user: ctx.host, params: { slug: "abc-defg-hij" } })).status,
    ).toBe(404);
    const s = await newSession(ctx.host, ctx.spaceId, { allowGuests: true });
    const bad = await call(joinSessionEndpoint, {
      params: { slug: s.slug },
      body: "{",
      headers: { "content-type": "application/json" },
    });
    expect(bad.status).toBe(400);
    expect((await join(s.slug, { displayName: "x".repeat(200) })).status).toBe(422);
  });
});
