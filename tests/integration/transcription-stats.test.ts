import { randomBytes } from "node:crypto";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { transcriptionUsage } from "@/lib/db/schema/transcription";
import { createSpaceEndpoint } from "@/modules/core/spaces/api/space-endpoints";
import { transcriptionUsageEndpoint } from "@/modules/core/captions/api/transcription-endpoints";
import { usageCsvEndpoint, usageStatsEndpoint } from "@/modules/core/usage/api/usage-stats-endpoints";
import { call, errorBody, errorCode, makeUser, type CallResult, type TestUser } from "../support/api";
import { join, newSession } from "../support/sessions";
import { addMember } from "../support/members";
import { usageApi } from "@/modules/core/usage/api/contract";
import { spacesApi } from "@/modules/core/spaces/api/contract";
import { sessionsApi } from "@/modules/core/sessions/api/contract";
import { expectReply } from "../support/contract";
import { usageLedger } from "../support/usage-ledger";

// Read lazily by the web env on the first request of this file; written in another case to check
// that the comparison ignores case.
const adminEmail = `root-${randomBytes(4).toString("hex")}@example.test`;
process.env.ADMIN_EMAILS = ` nobody@example.test , ${adminEmail.toUpperCase()}`;

const tag = randomBytes(3).toString("hex");
// Provider names of this file only: an administrator's view spans every test's rows, so the
// exact sums below filter on these.
const PA = `pa${tag}`;
const PB = `pb${tag}`;

const q = (query: Record<string, string | number>) =>
  Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)]));
const stats = (user: TestUser | undefined, query: Record<string, string | number> = {}) =>
  call(usageStatsEndpoint, { method: "GET", user, query: q(query) });
const csv = (user: TestUser | undefined, query: Record<string, string> = {}) =>
  call(usageCsvEndpoint, { method: "GET", user, query });

describe("transcription usage: stats, CSV and session usage by role", () => {
  let owner: TestUser, owner2: TestUser, member: TestUser, host: TestUser, outsider: TestUser;
  let admin: TestUser;
  let s1: string, s2: string;
  let x0: { id: string; slug: string }, x1: { id: string; slug: string }, y: { id: string; slug: string };
  let guestCookie: string;
  const ledger = usageLedger();

  beforeAll(async () => {
    [owner, owner2, member, host, outsider, admin] = await Promise.all([
      makeUser("Olga Owner"),
      makeUser("Boris Owner"),
      makeUser("Max Member"),
      makeUser("Hana Host"),
      makeUser("Oscar Out"),
      makeUser("Root Admin", adminEmail),
    ]);
    s1 = expectReply(
      await call(createSpaceEndpoint, { user: owner, json: { name: '=Sales, "EU"' } }),
      spacesApi.create,
    ).space.id;
    s2 = expectReply(
      await call(createSpaceEndpoint, { user: owner2, json: { name: "Support" } }),
      spacesApi.create,
    ).space.id;
    for (const [by, space, who] of [
      [owner, s1, member],
      [owner, s1, host],
      [owner2, s2, member],
    ] as const) {
      await addMember(by, space, who);
    }
    x0 = await newSession(owner, s1, { title: 'Plan, "Q3" review' });
    x1 = await newSession(host, s1, { allowGuests: true });
    y = await newSession(owner2, s2);
    const guestJoin = await join(x1.slug, { displayName: "Gail Guest" });
    expect(guestJoin.status).toBe(200);
    guestCookie = guestJoin.headers.get("set-cookie")!.split(";")[0]!;
    const guestParticipant = expectReply(guestJoin, sessionsApi.join).participant.id as string;

    await getDb()
      .insert(transcriptionUsage)
      .values([
        ledger.row("r1", x0.id, owner.id, PA, "2021-03-01T10:00:00Z", 60, 50, 0.5),
        ledger.row("r2", x0.id, member.id, PA, "2021-03-01T23:59:59Z", 30, 30, 0.3),
        ledger.row("r3", x0.id, member.id, PB, "2021-03-02T00:00:00Z", 10, 5, 0.05),
        ledger.row("r4", x1.id, null, PB, "2021-03-03T12:00:00Z", 20, 20, 0.2, guestParticipant),
        ledger.row("r5", x1.id, host.id, PA, "2021-03-03T13:00:00Z", 40, 30, 0.3),
        ledger.row("r6", y.id, owner2.id, PB, "2021-03-02T08:00:00Z", 100, 80, 0.8),
        ledger.row("r7", y.id, member.id, PA, "2021-03-04T09:00:00Z", 5, 5, 0.05),
      ]);
  });

  const ids = (res: CallResult) => expectReply(res, usageApi.usageStats).rows.map((r) => r.id);
  const { totalsOf, idsOf } = ledger;

  it("shows each role exactly the streams it may see", async () => {
    const cases: [string, TestUser, Record<string, string>, string[]][] = [
      // An owner: every stream in their space, whoever spoke (the guest's too), and no other space.
      ["owner", owner, {}, ["r5", "r4", "r3", "r2", "r1"]],
      ["other owner", owner2, {}, ["r7", "r6"]],
      // A member: their own streams, in any space, and nobody else's.
      ["member", member, {}, ["r7", "r3", "r2"]],
      // A host who is a plain member: only their own, not their guests' (that is session usage).
      ["host", host, {}, ["r5"]],
      ["outsider", outsider, {}, []],
      ["admin, provider A", admin, { provider: PA }, ["r7", "r5", "r2", "r1"]],
      ["admin, provider B", admin, { provider: PB }, ["r4", "r6", "r3"]],
    ];
    for (const [who, user, query, expected] of cases) {
      const res = await stats(user, query);
      expect([who, res.status]).toEqual([who, 200]);
      expect([who, expectReply(res, usageApi.usageStats).scope]).toEqual([
        who,
        user === admin ? "all" : "user",
      ]);
      expect([who, expectReply(res, usageApi.usageStats).totals]).toEqual([who, totalsOf(...expected)]);
      expect([who, ids(res)]).toEqual([who, idsOf(...expected)]);
    }
  });

  it("answers 401 to anonymous callers and guests", async () => {
    for (const cookie of [undefined, guestCookie]) {
      const res = await call(usageStatsEndpoint, { method: "GET", cookie });
      expect([res.status, errorCode(res)]).toEqual([401, "unauthenticated"]);
      const file = await call(usageCsvEndpoint, { method: "GET", cookie });
      expect(file.status).toBe(401);
    }
  });

  it("filters by space, provider and an inclusive UTC date range, within the caller's scope", async () => {
    const cases: [TestUser, Record<string, string>, string[]][] = [
      [admin, { spaceId: s2 }, ["r7", "r6"]],
      [admin, { provider: PA, from: "2021-03-01", to: "2021-03-01" }, ["r2", "r1"]],
      [owner, { from: "2021-03-02", to: "2021-03-03" }, ["r5", "r4", "r3"]],
      [owner, { from: "2021-03-03" }, ["r5", "r4"]],
      [owner, { to: "2021-03-01", provider: PA }, ["r2", "r1"]],
      // A member filtering a space shows only their own streams there; another owner's space is empty.
      [member, { spaceId: s1 }, ["r3", "r2"]],
      [owner2, { spaceId: s1 }, []],
    ];
    for (const [user, query, expected] of cases) {
      const res = await stats(user, query);
      expect([query, res.status]).toEqual([query, 200]);
      expect([query, ids(res)]).toEqual([query, idsOf(...expected)]);
      expect([query, expectReply(res, usageApi.usageStats).totals]).toEqual([query, totalsOf(...expected)]);
    }
  });

  it("gives per-day, per-provider, top-session and top-space breakdowns of the filtered set", async () => {
    const res = await stats(owner);
    const pick = (o: Record<string, unknown>, ...k: string[]) => Object.fromEntries(k.map((x) => [x, o[x]]));
    expect(expectReply(res, usageApi.usageStats).daily).toEqual([
      { day: "2021-03-01", ...totalsOf("r1", "r2") },
      { day: "2021-03-02", ...totalsOf("r3") },
      { day: "2021-03-03", ...totalsOf("r4", "r5") },
    ]);
    expect(expectReply(res, usageApi.usageStats).byProvider).toEqual([
      { provider: PA, ...totalsOf("r1", "r2", "r5") },
      { provider: PB, ...totalsOf("r3", "r4") },
    ]);
    expect(
      expectReply(res, usageApi.usageStats).topSessions.map((s: Record<string, unknown>) =>
        pick(s, "slug", "costUsd"),
      ),
    ).toEqual([
      { slug: x0.slug, costUsd: 0.85 },
      { slug: x1.slug, costUsd: 0.5 },
    ]);
    expect(expectReply(res, usageApi.usageStats).topSpaces).toEqual([
      { spaceId: s1, spaceName: '=Sales, "EU"', ...totalsOf("r1", "r2", "r3", "r4", "r5") },
    ]);
    const all = await stats(admin, { provider: PA });
    expect(
      expectReply(all, usageApi.usageStats).topSpaces.map((s: { spaceId: string; costUsd: number }) => [
        s.spaceId,
        s.costUsd,
      ]),
    ).toEqual([
      [s1, 1.1],
      [s2, 0.05],
    ]);
  });

  it("pages newest first with totals over the whole filtered set on every page", async () => {
    const seen: string[] = [];
    for (const page of [1, 2, 3]) {
      const res = await stats(owner, { pageSize: 2, page });
      expect(expectReply(res, usageApi.usageStats)).toMatchObject({
        page,
        pageSize: 2,
        pageCount: 3,
        totals: totalsOf("r1", "r2", "r3", "r4", "r5"),
      });
      seen.push(...ids(res));
    }
    expect(seen).toEqual(idsOf("r5", "r4", "r3", "r2", "r1"));
    const past = await stats(owner, { pageSize: 2, page: 4 });
    expect([past.status, expectReply(past, usageApi.usageStats).rows]).toEqual([200, []]);
    expect(expectReply(await stats(outsider), usageApi.usageStats).pageCount).toBe(1);
  });

  it("refuses a bad query with 422 naming the field", async () => {
    const bad: [Record<string, string>, string][] = [
      [{ pageSize: "101" }, "pageSize"],
      [{ page: "0" }, "page"],
      [{ page: "two" }, "page"],
      [{ from: "2021-02-30" }, "from"],
      [{ to: "03/01/2021" }, "to"],
      [{ from: "2021-03-02", to: "2021-03-01" }, "to"],
      [{ provider: "Gladia!" }, "provider"],
      [{ spaceId: "not-a-uuid" }, "spaceId"],
      [{ sort: "cost" }, ""],
    ];
    for (const [query, field] of bad) {
      const res = await stats(owner, query);
      expect([query, res.status, errorCode(res)]).toEqual([query, 422, "validation_failed"]);
      expect((errorBody(res).details as { path: string }[]).map((d) => d.path)).toContain(field);
    }
    const file = await csv(owner, { from: "yesterday" });
    expect([file.status, errorCode(file)]).toEqual([422, "validation_failed"]);
  });

  it("exports the filtered streams as an escaped CSV attachment", async () => {
    const res = await csv(owner, { provider: PA });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="transcription-usage-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const table = parse(res.text, { columns: true }) as Record<string, string>[];
    expect(table.map((r) => [r.created_at, r.provider, r.audio_seconds, r.cost_usd])).toEqual([
      ["2021-03-03T13:00:00.000Z", PA, "40", "0.3"],
      ["2021-03-01T23:59:59.000Z", PA, "30", "0.3"],
      ["2021-03-01T10:00:00.000Z", PA, "60", "0.5"],
    ]);
    // Quotes, commas and a newline survive; a leading "=" is defused for spreadsheets.
    expect(table[2]).toMatchObject({
      session: 'Plan, "Q3" review',
      space: `'=Sales, "EU"`,
      user: "Olga Owner",
    });
    const mine = parse((await csv(member)).text, { columns: true }) as unknown[];
    expect(mine).toHaveLength(3);
    const none = await csv(outsider);
    expect(none.text.trim().split("\r\n")).toHaveLength(1);
  });

  it("session usage: host, owner and admins see it; member, outsider, guest do not", async () => {
    const usage = (slug: string, opts: { user?: TestUser; cookie?: string }) =>
      call(transcriptionUsageEndpoint, { method: "GET", ...opts, params: { slug } });
    for (const user of [host, owner, admin]) {
      const res = await usage(x1.slug, { user });
      expect(res.status).toBe(200);
      expect(expectReply(res, usageApi.sessionUsage).totals).toEqual({
        audioSeconds: 60,
        billedSeconds: 50,
        droppedSeconds: 0,
        costUsd: 0.5,
      });
      const guest = expectReply(res, usageApi.sessionUsage).participants.find(
        (p) => p.displayName === "Gail Guest",
      );
      expect(guest).toMatchObject({ audioSeconds: 20, billedSeconds: 20, costUsd: 0.2 });
    }
    for (const user of [member, outsider, owner2]) {
      const res = await usage(x1.slug, { user });
      expect([res.status, errorCode(res)]).toEqual([404, "session_not_found"]);
    }
    expect((await usage(x1.slug, { cookie: guestCookie })).status).toBe(401);
  });
});
