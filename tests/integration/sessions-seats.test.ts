import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { participants } from "@/lib/db/schema/sessions";
import { errorCode, makeUser, type CallResult } from "../support/api";
import {
  connectToRoom,
  expireJoin,
  join,
  newSession,
  setupSpace,
  token,
  type RoomConnection,
} from "../support/sessions";
import { sessionsApi } from "@/modules/core/sessions/api/contract";
import { expectReply } from "../support/contract";

const guestCookie = (res: { headers: Headers }) => res.headers.get("set-cookie")!.split(";")[0]!;
const identityOf = (res: CallResult) => expectReply(res, sessionsApi.join).participant.identity;

describe("seats", () => {
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  const connections: RoomConnection[] = [];
  beforeAll(async () => {
    ctx = await setupSpace();
    return () => connections.forEach((c) => c.joined && c.close());
  });

  it("two cookieless anonymous joins cannot lock the host out: a seat is kept for the host", async () => {
    const s = await newSession(ctx.host, ctx.spaceId, { maxParticipants: 2, allowGuests: true });
    expect((await join(s.slug, { displayName: "Anon 1" })).status).toBe(200);
    const second = await join(s.slug, { displayName: "Anon 2" });
    expect(second.status).toBe(409);
    expect(errorCode(second)).toBe("session_full");
    expect((await join(s.slug, { user: ctx.host })).status).toBe(200);
    expect((await join(s.slug, { user: ctx.member })).status).toBe(409);
  });

  it("a join that never connects stops holding a seat after the grace period; a connected one keeps it", async () => {
    const s = await newSession(ctx.host, ctx.spaceId, { maxParticipants: 2, allowGuests: true });
    await join(s.slug, { user: ctx.host });
    const g1 = await join(s.slug, { displayName: "Gone" });
    expect(g1.status).toBe(200);
    expect((await join(s.slug, { displayName: "Waiting" })).status).toBe(409);

    await expireJoin(s.id, identityOf(g1)); // never connected
    const g2 = await join(s.slug, { displayName: "Waiting" });
    expect(g2.status).toBe(200);

    // g2 connects to the real media server; its seat then lasts beyond the grace period.
    const t = expectReply(await token(s.slug, { cookie: guestCookie(g2) }), sessionsApi.token);
    const conn = await connectToRoom(t.url, t.token);
    connections.push(conn);
    expect(conn.joined).toBe(true);
    await expireJoin(s.id, identityOf(g2));
    const g3 = await join(s.slug, { displayName: "Third" });
    expect(g3.status).toBe(409);
    expect(errorCode(g3)).toBe("session_full");
    // A connected participant refreshing its token keeps its seat.
    expect((await token(s.slug, { cookie: guestCookie(g2) })).status).toBe(200);
  });

  it("the token route checks the seat once the join's grace period is over", async () => {
    const s = await newSession(ctx.host, ctx.spaceId, { maxParticipants: 2, allowGuests: true });
    await join(s.slug, { user: ctx.host });
    await join(s.slug, { user: ctx.member });
    await expireJoin(s.id, `user-${ctx.member.id}`);
    const guest = await join(s.slug, { displayName: "Quick" });
    expect(guest.status).toBe(200);

    const late = await token(s.slug, { user: ctx.member });
    expect(late.status).toBe(409);
    expect(errorCode(late)).toBe("session_full");
    expect((await token(s.slug, { cookie: guestCookie(guest) })).status).toBe(200);
    expect((await token(s.slug, { user: ctx.host })).status).toBe(200);
  });

  it("concurrent joins at the limit on PostgreSQL: exactly max get in", async () => {
    const max = 4;
    const s = await newSession(ctx.host, ctx.spaceId, { maxParticipants: max, allowGuests: true });
    expect((await join(s.slug, { user: ctx.host })).status).toBe(200);
    const outsiders = await Promise.all(Array.from({ length: 5 }, (_, i) => makeUser(`Visitor ${i}`)));
    const results = await Promise.all([
      ...outsiders.map((user) => join(s.slug, { user })),
      ...[1, 2, 3].map((i) => join(s.slug, { displayName: `Anon ${i}` })),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((st) => st === 200)).toHaveLength(max - 1);
    expect(statuses.filter((st) => st === 409)).toHaveLength(results.length - (max - 1));
    const rows = await getDb().select().from(participants).where(eq(participants.videoSessionId, s.id));
    expect(rows).toHaveLength(max);
  });

  it("caps walk-in anonymous guests per client address and link (more knock); returning guests are not counted", async () => {
    const s = await newSession(ctx.host, ctx.spaceId, { allowGuests: true });
    const other = await newSession(ctx.host, ctx.spaceId, { allowGuests: true });
    const address = "203.0.113.7";
    const first = await join(s.slug, { displayName: "One", address });
    expect(first.status).toBe(200);
    expect((await join(s.slug, { displayName: "Two", address })).status).toBe(200);
    expect((await join(s.slug, { displayName: "Three", address })).status).toBe(200);
    const fourth = await join(s.slug, { displayName: "Four", address });
    expect(fourth.status).toBe(409);
    expect(errorCode(fourth)).toBe("knock_required");

    expect((await join(s.slug, { displayName: "One", address, cookie: guestCookie(first) })).status).toBe(
      200,
    );
    expect((await join(s.slug, { displayName: "Elsewhere", address: "203.0.113.8" })).status).toBe(200);
    expect((await join(other.slug, { displayName: "Four", address })).status).toBe(200);
  });
});
