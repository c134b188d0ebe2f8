import { beforeAll, describe, expect, it } from "vitest";
import { getSessionEndpoint } from "@/modules/core/sessions/api/session-endpoints";
import {
  decideKnockEndpoint,
  knockEndpoint,
  lobbySettingsEndpoint,
} from "@/modules/core/sessions/api/lobby-endpoints";
import { lobbyApi, sessionsApi } from "@/modules/core/sessions/api/contract";
import { addMember } from "../support/members";
import { call, errorBody, errorCode, makeUser, type TestUser } from "../support/api";
import { expectReply } from "../support/contract";
import { join, newSession, sessionRow, setupSpace } from "../support/sessions";

const guestCookie = (res: { headers: Headers }) => res.headers.get("set-cookie")!.split(";")[0]!;
const setKnock = (slug: string, guestsKnock: boolean, user?: TestUser) =>
  call(lobbySettingsEndpoint, { params: { slug }, json: { guestsKnock }, user });

describe("guests ask to join (host option)", () => {
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  let admin: TestUser;
  beforeAll(async () => {
    ctx = await setupSpace();
    admin = await makeUser("Ada Admin");
    await addMember(ctx.host, ctx.spaceId, admin, "ADMIN");
  });

  it("with the option on, every new guest is told to knock (saying why); members join directly", async () => {
    const s = await newSession(ctx.host, ctx.spaceId, { allowGuests: true, guestsKnock: true });
    expect(s.guestsKnock).toBe(true);
    const view = expectReply(await call(getSessionEndpoint, { params: { slug: s.slug } }), sessionsApi.get);
    expect(view.session.guestsKnock).toBe(true);

    // The first guest from a fresh address, far below the walk-in cap, still asks first.
    const first = await join(s.slug, { displayName: "First Guest", address: "203.0.113.5" });
    expect(first.status).toBe(409);
    expect(errorBody(first)).toMatchObject({
      code: "knock_required",
      message: expect.stringMatching(/host lets guests in/),
      details: { reason: "host_admits_guests" },
    });
    // A cookie from another call is no way round it either.
    const elsewhere = await newSession(ctx.host, ctx.spaceId, { allowGuests: true });
    const cookie = guestCookie(await join(elsewhere.slug, { displayName: "Roamer" }));
    expect(errorCode(await join(s.slug, { displayName: "Roamer", cookie }))).toBe("knock_required");
    // A signed-in member of the space walks in.
    expect((await join(s.slug, { user: ctx.member })).status).toBe(200);

    // Knock, admit, join.
    const knocked = await call(knockEndpoint, {
      params: { slug: s.slug },
      json: { displayName: "First Guest" },
    });
    const k = expectReply(knocked, lobbyApi.knock).knock;
    await call(decideKnockEndpoint, {
      params: { slug: s.slug, knockId: k.id },
      json: { decision: "admit" },
      user: ctx.host,
    });
    const admitted = await join(s.slug, { displayName: "First Guest", cookie: guestCookie(knocked) });
    expect(expectReply(admitted, sessionsApi.join).participant.role).toBe("GUEST");
  });

  it("the host or a space admin turns it on and off during the call; nobody else may", async () => {
    const s = await newSession(ctx.host, ctx.spaceId, { allowGuests: true });
    expect(s.guestsKnock).toBe(false);
    const walkedIn = await join(s.slug, { displayName: "Early Guest" });
    expect(walkedIn.status).toBe(200);

    for (const [user, status] of [
      [ctx.member, 403],
      [ctx.outsider, 403],
      [undefined, 401],
    ] as const) {
      const refused = await setKnock(s.slug, true, user);
      expect(refused.status).toBe(status);
      if (status === 403) expect(errorCode(refused)).toBe("forbidden");
    }
    expect((await sessionRow(s.id)).guestsKnock).toBe(false);

    expect(expectReply(await setKnock(s.slug, true, ctx.host), lobbyApi.settings)).toEqual({
      guestsKnock: true,
    });
    expect((await sessionRow(s.id)).guestsKnock).toBe(true);
    expect(errorCode(await join(s.slug, { displayName: "Late Guest" }))).toBe("knock_required");
    // A guest already in the call comes back (a reload) without asking.
    expect((await join(s.slug, { displayName: "Early Guest", cookie: guestCookie(walkedIn) })).status).toBe(
      200,
    );

    expect(expectReply(await setKnock(s.slug, false, admin), lobbyApi.settings).guestsKnock).toBe(false);
    expect((await join(s.slug, { displayName: "Late Guest" })).status).toBe(200);
  });

  it("is off and cannot be set on a members-only session", async () => {
    const s = await newSession(ctx.host, ctx.spaceId, { guestsKnock: true });
    expect(s).toMatchObject({ allowGuests: false, guestsKnock: false });
    const res = await setKnock(s.slug, true, ctx.host);
    expect(res.status).toBe(409);
    expect(errorCode(res)).toBe("guests_not_allowed");
  });
});
