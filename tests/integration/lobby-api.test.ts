import { beforeAll, describe, expect, it } from "vitest";
import {
  cancelKnockEndpoint,
  decideKnockEndpoint,
  knockEndpoint,
  ownKnockEndpoint,
  peopleInCallEndpoint,
  waitingKnocksEndpoint,
} from "@/modules/core/sessions/api/lobby-endpoints";
import { endSessionEndpoint } from "@/modules/core/sessions/api/session-endpoints";
import { lobbyApi, sessionsApi } from "@/modules/core/sessions/api/contract";
import { addMember } from "../support/members";
import { call, errorBody, errorCode, makeUser, type TestUser } from "../support/api";
import { expectReply } from "../support/contract";
import { connectToRoom, join, newSession, setupSpace, token, type RoomConnection } from "../support/sessions";

const guestCookie = (res: { headers: Headers }) => res.headers.get("set-cookie")!.split(";")[0]!;
const at = (address: string) => ({ "x-forwarded-for": address, "x-rooms-peer-address": address });

const knock = (slug: string, displayName: string, opts: { address?: string; cookie?: string } = {}) =>
  call(knockEndpoint, {
    params: { slug },
    json: { displayName },
    cookie: opts.cookie,
    headers: opts.address ? at(opts.address) : undefined,
  });
const mine = (slug: string, cookie?: string) => call(ownKnockEndpoint, { params: { slug }, cookie });
const waiting = (slug: string, user?: TestUser) => call(waitingKnocksEndpoint, { params: { slug }, user });
const decide = (slug: string, knockId: string, decision: "admit" | "deny", user?: TestUser) =>
  call(decideKnockEndpoint, { params: { slug, knockId }, json: { decision }, user });

/** Three cookieless guests from `address` walk in; the fourth is told to knock. */
async function fillWalkIns(slug: string, address: string) {
  for (const name of ["One", "Two", "Three"]) {
    expect((await join(slug, { displayName: name, address })).status).toBe(200);
  }
  const fourth = await join(slug, { displayName: "Four", address });
  expect(fourth.status).toBe(409);
  expect(errorCode(fourth)).toBe("knock_required");
}

describe("guest lobby", () => {
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  let admin: TestUser;
  const connections: RoomConnection[] = [];
  beforeAll(async () => {
    ctx = await setupSpace();
    admin = await makeUser("Ada Admin");
    await addMember(ctx.host, ctx.spaceId, admin, "ADMIN");
    return () => connections.forEach((c) => c.joined && c.close());
  });

  it("a guest past the per-address walk-in cap knocks, waits, and joins once the host admits", async () => {
    const s = await newSession(ctx.host, ctx.spaceId, { allowGuests: true });
    const address = "198.51.100.20";
    await fillWalkIns(s.slug, address);

    const knocked = await knock(s.slug, "Fourth Guest", { address });
    const k = expectReply(knocked, lobbyApi.knock).knock;
    expect(k).toMatchObject({ displayName: "Fourth Guest", status: "WAITING" });
    const cookie = guestCookie(knocked);
    // The knock's cookie is no way round the lobby.
    const early = await join(s.slug, { displayName: "Fourth Guest", cookie, address });
    expect(early.status).toBe(409);
    expect(errorCode(early)).toBe("lobby_waiting");
    // Knocking again (a reload) is the same knock, not another notice.
    expect(
      expectReply(await knock(s.slug, "Fourth Guest", { cookie, address }), lobbyApi.knock).knock.id,
    ).toBe(k.id);

    expect(expectReply(await mine(s.slug, cookie), lobbyApi.mine)).toMatchObject({
      knock: { id: k.id, status: "WAITING" },
      sessionStatus: "LIVE",
      // The host joined but is not connected: the waiting guest is told nobody may answer yet.
      hostInCall: false,
    });
    const listed = expectReply(await waiting(s.slug, ctx.host), lobbyApi.waiting).knocks;
    expect(listed.map((x) => x.displayName)).toEqual(["Fourth Guest"]);

    expect(expectReply(await decide(s.slug, k.id, "admit", ctx.host), lobbyApi.decide).knock.status).toBe(
      "ADMITTED",
    );
    expect(expectReply(await mine(s.slug, cookie), lobbyApi.mine).knock.status).toBe("ADMITTED");
    const joined = await join(s.slug, { displayName: "Fourth Guest", cookie, address });
    const participant = expectReply(joined, sessionsApi.join).participant;
    expect(participant).toMatchObject({ displayName: "Fourth Guest", role: "GUEST", userId: null });
    expect((await token(s.slug, { cookie })).status).toBe(200);
    expect(expectReply(await waiting(s.slug, ctx.host), lobbyApi.waiting).knocks).toEqual([]);
  });

  it("only the host or a space admin sees and decides knocks; a guest reads only their own", async () => {
    const s = await newSession(ctx.host, ctx.spaceId, { allowGuests: true });
    const a = await knock(s.slug, "Guest A");
    const b = await knock(s.slug, "Guest B");
    const ka = expectReply(a, lobbyApi.knock).knock;
    const kb = expectReply(b, lobbyApi.knock).knock;

    expect((await waiting(s.slug, ctx.member)).status).toBe(403);
    expect((await waiting(s.slug, ctx.outsider)).status).toBe(403);
    expect((await waiting(s.slug)).status).toBe(401);
    // A guest who got into the call is still no admitter.
    expect((await decide(s.slug, ka.id, "admit", ctx.member)).status).toBe(403);
    expect((await decide(s.slug, ka.id, "admit")).status).toBe(401);

    // Each guest's cookie reads their own knock only.
    expect(expectReply(await mine(s.slug, guestCookie(a)), lobbyApi.mine).knock.id).toBe(ka.id);
    expect(expectReply(await mine(s.slug, guestCookie(b)), lobbyApi.mine).knock.id).toBe(kb.id);
    const nobody = await mine(s.slug);
    expect(nobody.status).toBe(404);
    expect(errorCode(nobody)).toBe("knock_not_found");

    // A space admin decides too; a decided knock cannot be decided again.
    expect(expectReply(await decide(s.slug, ka.id, "deny", admin), lobbyApi.decide).knock.status).toBe(
      "DENIED",
    );
    const again = await decide(s.slug, ka.id, "admit", ctx.host);
    expect(again.status).toBe(404);
    expect(errorCode(again)).toBe("knock_not_found");
    // A knock id of another session is not this session's.
    const other = await newSession(ctx.host, ctx.spaceId, { allowGuests: true });
    expect((await decide(other.slug, kb.id, "admit", ctx.host)).status).toBe(404);

    // Denied: the guest is told, cannot join, and knocking again does not bring the notice back.
    expect(expectReply(await mine(s.slug, guestCookie(a)), lobbyApi.mine).knock.status).toBe("DENIED");
    const refused = await join(s.slug, { displayName: "Guest A", cookie: guestCookie(a) });
    expect(refused.status).toBe(403);
    expect(errorCode(refused)).toBe("lobby_denied");
    expect(
      expectReply(await knock(s.slug, "Guest A", { cookie: guestCookie(a) }), lobbyApi.knock).knock.status,
    ).toBe("DENIED");
    expect(expectReply(await waiting(s.slug, ctx.host), lobbyApi.waiting).knocks.map((x) => x.id)).toEqual([
      kb.id,
    ]);

    // A guest withdraws; then the join asks them to knock again.
    const cancelled = await call(cancelKnockEndpoint, { params: { slug: s.slug }, cookie: guestCookie(b) });
    expect(expectReply(cancelled, lobbyApi.cancel).knock.status).toBe("CANCELLED");
    expect(expectReply(await waiting(s.slug, ctx.host), lobbyApi.waiting).knocks).toEqual([]);
    const rejoin = await join(s.slug, { displayName: "Guest B", cookie: guestCookie(b) });
    expect(errorCode(rejoin)).toBe("knock_required");
  });

  it("members do not knock, and a members-only session has no lobby", async () => {
    const open = await newSession(ctx.host, ctx.spaceId, { allowGuests: true });
    const res = await call(knockEndpoint, {
      params: { slug: open.slug },
      json: { displayName: "M" },
      user: ctx.member,
    });
    expect(res.status).toBe(409);
    expect(errorCode(res)).toBe("lobby_not_needed");
    const closed = await newSession(ctx.host, ctx.spaceId);
    expect((await knock(closed.slug, "Sneaky")).status).toBe(404);
  });

  it("the per-address abuse bound is far above a room's need and says how long to wait", async () => {
    const s = await newSession(ctx.host, ctx.spaceId, { allowGuests: true });
    const address = "198.51.100.77";
    for (let i = 0; i < 50; i++) expect((await knock(s.slug, `Guest ${i}`, { address })).status).toBe(201);
    const limited = await knock(s.slug, "One too many", { address });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(60);
    expect(retryAfter).toBeLessThanOrEqual(600);
    const { code, message } = errorBody(limited);
    expect(code).toBe("rate_limited");
    expect(message).toMatch(/Try again in \d+ min/);
    // Another address is not held back.
    expect((await knock(s.slug, "Next door", { address: "198.51.100.78" })).status).toBe(201);
  });

  it("pre-join lists who is connected, names only, and says when the host ended the session", async () => {
    const s = await newSession(ctx.host, ctx.spaceId, { allowGuests: true });
    const people = () => call(peopleInCallEndpoint, { params: { slug: s.slug } });
    expect(expectReply(await people(), lobbyApi.people)).toEqual({ status: "CREATED", count: 0, people: [] });

    await join(s.slug, { user: ctx.host });
    const guest = await join(s.slug, { displayName: "Gail Guest" });
    await join(s.slug, { displayName: "Never Connected" });
    for (const opts of [{ user: ctx.host }, { cookie: guestCookie(guest) }]) {
      const t = expectReply(await token(s.slug, opts), sessionsApi.token);
      const conn = await connectToRoom(t.url, t.token);
      connections.push(conn);
      expect(conn.joined).toBe(true);
    }
    const seen = expectReply(await people(), lobbyApi.people);
    expect(seen.status).toBe("LIVE");
    expect(seen.count).toBe(2);
    expect(seen.people).toEqual(
      expect.arrayContaining([
        { name: "Hana Host", guest: false },
        { name: "Gail Guest", guest: true },
      ]),
    );

    // A waiting guest learns that the host ended the session.
    const k = await knock(s.slug, "Late Guest");
    expect(expectReply(await mine(s.slug, guestCookie(k)), lobbyApi.mine).hostInCall).toBe(true);
    expect((await call(endSessionEndpoint, { user: ctx.host, params: { slug: s.slug } })).status).toBe(200);
    expect(expectReply(await mine(s.slug, guestCookie(k)), lobbyApi.mine).sessionStatus).toBe("ENDED");
    expect(expectReply(await people(), lobbyApi.people)).toMatchObject({ status: "ENDED", count: 0 });

    const membersOnly = await newSession(ctx.host, ctx.spaceId);
    expect((await call(peopleInCallEndpoint, { params: { slug: membersOnly.slug } })).status).toBe(404);
  });
});
