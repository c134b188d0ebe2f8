import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { lobbyKnocks } from "@/lib/db/schema/lobby";
import {
  cancelKnockEndpoint,
  decideKnockEndpoint,
  knockEndpoint,
  lobbySettingsEndpoint,
  ownKnockEndpoint,
  waitingKnocksEndpoint,
} from "@/modules/core/sessions/api/lobby-endpoints";
import { lobbyApi, sessionsApi } from "@/modules/core/sessions/api/contract";
import { userIdentity } from "@/modules/core/sessions/domain/video-session";
import { call, errorBody, errorCode, makeUser, type TestUser } from "../support/api";
import { expectReply } from "../support/contract";
import { join, newSession, setupSpace, token } from "../support/sessions";

/** Signed-in people outside the session's space, when the host admits guests ("guests ask to join"). */
const guestCookie = (res: { headers: Headers }) => res.headers.get("set-cookie")!.split(";")[0]!;
const knockAs = (slug: string, user: TestUser, displayName = user.name) =>
  call(knockEndpoint, { params: { slug }, json: { displayName }, user });
const mine = (slug: string, user: TestUser) => call(ownKnockEndpoint, { params: { slug }, user });
const waiting = async (slug: string, host: TestUser) =>
  expectReply(await call(waitingKnocksEndpoint, { params: { slug }, user: host }), lobbyApi.waiting).knocks;
const decide = (slug: string, knockId: string, decision: "admit" | "deny", user: TestUser) =>
  call(decideKnockEndpoint, { params: { slug, knockId }, json: { decision }, user });
const knockRows = (sessionId: string, userId: string) =>
  getDb()
    .select()
    .from(lobbyKnocks)
    .where(and(eq(lobbyKnocks.videoSessionId, sessionId), eq(lobbyKnocks.userId, userId)));

describe("signed-in people outside the space and the lobby", () => {
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  beforeAll(async () => {
    ctx = await setupSpace();
  });

  it("knock under their account name like guests, and join as themselves once admitted", async () => {
    const s = await newSession(ctx.host, ctx.spaceId, { allowGuests: true, guestsKnock: true });
    const refused = await join(s.slug, { user: ctx.outsider });
    expect(refused.status).toBe(409);
    expect(errorBody(refused)).toMatchObject({
      code: "knock_required",
      details: { reason: "host_admits_guests" },
    });

    // The name a client sends is not the one the host sees: the account's is.
    const knocked = await knockAs(s.slug, ctx.outsider, ctx.host.name);
    const k = expectReply(knocked, lobbyApi.knock).knock;
    expect(k).toMatchObject({ displayName: ctx.outsider.name, status: "WAITING" });
    expect(knocked.headers.get("set-cookie")).toBeNull();
    // An anonymous guest still knocks the same way, under the name they typed.
    const guest = await call(knockEndpoint, { params: { slug: s.slug }, json: { displayName: "Gus Guest" } });
    expect(expectReply(guest, lobbyApi.knock).knock.displayName).toBe("Gus Guest");
    expect((await waiting(s.slug, ctx.host)).map((x) => x.displayName)).toEqual([
      ctx.outsider.name,
      "Gus Guest",
    ]);

    // Waiting: no way in yet, and their own knock is read by account.
    expect(errorCode(await join(s.slug, { user: ctx.outsider }))).toBe("lobby_waiting");
    expect(expectReply(await mine(s.slug, ctx.outsider), lobbyApi.mine).knock).toMatchObject({
      id: k.id,
      status: "WAITING",
    });
    expect(errorCode(await mine(s.slug, ctx.member))).toBe("knock_not_found");

    expect((await decide(s.slug, k.id, "admit", ctx.host)).status).toBe(200);
    const joined = expectReply(await join(s.slug, { user: ctx.outsider }), sessionsApi.join).participant;
    expect(joined).toMatchObject({
      identity: userIdentity(ctx.outsider.id),
      userId: ctx.outsider.id,
      displayName: ctx.outsider.name,
      role: "GUEST",
    });
    expect((await token(s.slug, { user: ctx.outsider })).status).toBe(200);
    // The guest's knock is untouched by the account's.
    expect((await waiting(s.slug, ctx.host)).map((x) => x.displayName)).toEqual(["Gus Guest"]);
    const anonymous = await join(s.slug, { displayName: "Gus Guest", cookie: guestCookie(guest) });
    expect(errorCode(anonymous)).toBe("lobby_waiting");
  });

  it("denied: refused on join, and knocking again brings no new notice", async () => {
    const s = await newSession(ctx.host, ctx.spaceId, { allowGuests: true, guestsKnock: true });
    const k = expectReply(await knockAs(s.slug, ctx.outsider), lobbyApi.knock).knock;
    expect((await decide(s.slug, k.id, "deny", ctx.host)).status).toBe(200);
    const refused = await join(s.slug, { user: ctx.outsider });
    expect(refused.status).toBe(403);
    expect(errorCode(refused)).toBe("lobby_denied");
    expect(expectReply(await knockAs(s.slug, ctx.outsider), lobbyApi.knock).knock).toMatchObject({
      id: k.id,
      status: "DENIED",
    });
    expect(await waiting(s.slug, ctx.host)).toEqual([]);
  });

  it("one account holds one knock per session, however often or fast it asks", async () => {
    const s = await newSession(ctx.host, ctx.spaceId, { allowGuests: true, guestsKnock: true });
    const knocks = await Promise.all([1, 2, 3].map(() => knockAs(s.slug, ctx.outsider)));
    const ids = knocks.map((r) => expectReply(r, lobbyApi.knock).knock.id);
    expect(new Set(ids).size).toBe(1);
    // A guest cookie held by the account (from an earlier anonymous visit) does not make another.
    const visit = await join((await newSession(ctx.host, ctx.spaceId, { allowGuests: true })).slug, {
      displayName: "Earlier Me",
    });
    const both = await call(knockEndpoint, {
      params: { slug: s.slug },
      json: { displayName: "Other Name" },
      cookie: `${ctx.outsider.cookie}; ${guestCookie(visit)}`,
    });
    expect(expectReply(both, lobbyApi.knock).knock.id).toBe(ids[0]);
    expect(await knockRows(s.id, ctx.outsider.id)).toHaveLength(1);
    expect((await waiting(s.slug, ctx.host)).map((x) => x.id)).toEqual([ids[0]]);

    // Withdrawn, then asked again: the same row waits again.
    const cancelled = await call(cancelKnockEndpoint, { params: { slug: s.slug }, user: ctx.outsider });
    expect(expectReply(cancelled, lobbyApi.cancel).knock.status).toBe("CANCELLED");
    expect(await waiting(s.slug, ctx.host)).toEqual([]);
    expect(errorCode(await join(s.slug, { user: ctx.outsider }))).toBe("knock_required");
    const again = expectReply(await knockAs(s.slug, ctx.outsider), lobbyApi.knock).knock;
    expect(again).toMatchObject({ id: ids[0], status: "WAITING" });
    expect(await knockRows(s.id, ctx.outsider.id)).toHaveLength(1);
    // The table itself holds a knock by exactly one of guest and account.
    const row = { videoSessionId: s.id, displayName: "Nobody" };
    const oneKnocker = { cause: { constraint: "lobby_knocks_one_knocker" } };
    await expect(getDb().insert(lobbyKnocks).values(row)).rejects.toMatchObject(oneKnocker);
    await expect(
      getDb()
        .insert(lobbyKnocks)
        .values({ ...row, guestId: randomUUID(), userId: ctx.member.id }),
    ).rejects.toMatchObject(oneKnocker);
  });

  it("members never knock; someone already in the call comes back without asking", async () => {
    const s = await newSession(ctx.host, ctx.spaceId, { allowGuests: true });
    const early = await makeUser("Eve Early");
    expect((await join(s.slug, { user: early })).status).toBe(200);
    const setKnock = await call(lobbySettingsEndpoint, {
      params: { slug: s.slug },
      json: { guestsKnock: true },
      user: ctx.host,
    });
    expect(setKnock.status).toBe(200);

    expect((await join(s.slug, { user: ctx.member })).status).toBe(200);
    expect(errorCode(await knockAs(s.slug, ctx.member))).toBe("lobby_not_needed");
    expect((await join(s.slug, { user: early })).status).toBe(200);
    expect(errorCode(await knockAs(s.slug, early))).toBe("lobby_not_needed");
    // Someone new from outside the space still asks.
    expect(errorCode(await join(s.slug, { user: await makeUser("Nia New") }))).toBe("knock_required");
    expect(await waiting(s.slug, ctx.host)).toEqual([]);
  });

  it("with the option off they walk in, never counted against the per-address guest cap", async () => {
    const s = await newSession(ctx.host, ctx.spaceId, { allowGuests: true });
    const address = "198.51.100.91";
    for (const name of ["Una", "Duo", "Tre", "Qua"]) {
      const user = await makeUser(name);
      expect(errorCode(await knockAs(s.slug, user))).toBe("lobby_not_needed");
      expect((await join(s.slug, { user, address })).status).toBe(200);
    }
    // Cookieless guests from the same address are still capped.
    for (const name of ["One", "Two", "Three"]) {
      expect((await join(s.slug, { displayName: name, address })).status).toBe(200);
    }
    expect(errorCode(await join(s.slug, { displayName: "Four", address }))).toBe("knock_required");
  });
});
