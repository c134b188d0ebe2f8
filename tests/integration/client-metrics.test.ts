import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { participants } from "@/lib/db/schema/sessions";
import { transcriptionClientMetrics, transcriptionUsage } from "@/lib/db/schema/transcription";
import { saveClientMetricsEndpoint } from "@/modules/core/usage/api/usage-stats-endpoints";
import { call, errorBody, errorCode, type TestUser } from "../support/api";
import { join, newSession, setupSpace } from "../support/sessions";

const save = (json: unknown, opts: { user?: TestUser; cookie?: string } = {}) =>
  call(saveClientMetricsEndpoint, { method: "POST", ...opts, json });

const metrics = (slug: string, over: Record<string, unknown> = {}) => ({
  slug,
  clientStreamId: "stream-0001",
  chunksSent: 100,
  audioSecondsSent: 16,
  transcriptsReceived: 7,
  reconnects: 1,
  errors: 1,
  lastError: "socket closed (1006)",
  startedAt: "2026-11-24T10:00:00.000Z",
  endedAt: null,
  ...over,
});

async function rowsFor(sessionId: string) {
  return getDb()
    .select()
    .from(transcriptionClientMetrics)
    .where(eq(transcriptionClientMetrics.videoSessionId, sessionId));
}

describe("POST /api/transcription/usage/save", () => {
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  let session: { id: string; slug: string };
  let guestCookie: string;
  beforeAll(async () => {
    ctx = await setupSpace();
    session = await newSession(ctx.host, ctx.spaceId, { allowGuests: true });
    expect((await join(session.slug, { user: ctx.member })).status).toBe(200);
    const guest = await join(session.slug, { displayName: "Gail Guest" });
    guestCookie = guest.headers.get("set-cookie")!.split(";")[0]!;
    // In the call for 10 minutes: the audio claimed below fits (claims are capped at that time).
    await getDb()
      .update(participants)
      .set({ joinedAt: new Date(Date.now() - 600_000) })
      .where(eq(participants.videoSessionId, session.id));
  });

  it("stores a joined participant's stream and keeps every counter from going down", async () => {
    expect((await save(metrics(session.slug), { user: ctx.member })).status).toBe(204);
    // A stale periodic save arriving after a newer one changes nothing.
    const newer = metrics(session.slug, { chunksSent: 250, audioSecondsSent: 40, transcriptsReceived: 20 });
    expect((await save(newer, { user: ctx.member })).status).toBe(204);
    const end = { endedAt: "2026-11-24T10:05:00.000Z", reconnects: 2, errors: 3, lastError: "provider down" };
    expect((await save({ ...newer, ...end }, { user: ctx.member })).status).toBe(204);
    const stale = metrics(session.slug, { chunksSent: 5, errors: 0, lastError: "old", reconnects: 0 });
    expect((await save(stale, { user: ctx.member })).status).toBe(204);
    const [row, ...more] = await rowsFor(session.id);
    expect(more).toEqual([]);
    expect(row).toMatchObject({
      userId: ctx.member.id,
      clientStreamId: "stream-0001",
      chunksSent: 250,
      audioSecondsSent: "40.000",
      transcriptsReceived: 20,
      reconnects: 2,
      errors: 3,
      lastError: "provider down",
      startedAt: new Date("2026-11-24T10:00:00Z"),
      endedAt: new Date("2026-11-24T10:05:00Z"),
    });
    // Client metrics are never billed: nothing appears in the server-metered usage.
    const billed = await getDb()
      .select()
      .from(transcriptionUsage)
      .where(eq(transcriptionUsage.videoSessionId, session.id));
    expect(billed).toEqual([]);
  });

  it("accepts a joined guest by their cookie, one row per client stream", async () => {
    const body = metrics(session.slug, { clientStreamId: "guest-stream-1" });
    expect((await save(body, { cookie: guestCookie })).status).toBe(204);
    expect((await save({ ...body, clientStreamId: "guest-stream-2" }, { cookie: guestCookie })).status).toBe(
      204,
    );
    const rows = (await rowsFor(session.id)).filter((r) => r.clientStreamId.startsWith("guest-"));
    expect(rows.map((r) => [r.clientStreamId, r.userId]).sort()).toEqual([
      ["guest-stream-1", null],
      ["guest-stream-2", null],
    ]);
  });

  it("answers 404 to anyone who is not a participant of the session", async () => {
    const notJoined = await save(metrics(session.slug), { user: ctx.host });
    expect([notJoined.status, errorCode(notJoined)]).toEqual([404, "join_required"]);
    const anonymous = await save(metrics(session.slug));
    expect([anonymous.status, errorCode(anonymous)]).toEqual([404, "join_required"]);
    const closed = await newSession(ctx.host, ctx.spaceId);
    const outsider = await save(metrics(closed.slug), { user: ctx.outsider });
    expect([outsider.status, errorCode(outsider)]).toEqual([404, "session_not_found"]);
    const missing = await save(metrics("zzz-zzzz-zzz"), { user: ctx.member });
    expect([missing.status, errorCode(missing)]).toEqual([404, "session_not_found"]);
  });

  it("refuses a malformed body with 422 naming the field", async () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ chunksSent: -1 }, "chunksSent"],
      [{ chunksSent: 1.5 }, "chunksSent"],
      [{ audioSecondsSent: "16" }, "audioSecondsSent"],
      [{ clientStreamId: "x" }, "clientStreamId"],
      [{ clientStreamId: "has space in it" }, "clientStreamId"],
      [{ startedAt: "yesterday" }, "startedAt"],
      [{ endedAt: "2026-11-24T09:00:00.000Z" }, "endedAt"],
      [{ lastError: "e".repeat(501) }, "lastError"],
      [{ billedSeconds: 10 }, ""],
    ];
    for (const [over, field] of bad) {
      const res = await save(metrics(session.slug, over), { user: ctx.member });
      expect([over, res.status, errorCode(res)]).toEqual([over, 422, "validation_failed"]);
      expect((errorBody(res).details as { path: string }[]).map((d) => d.path)).toContain(field);
    }
    const missing: Record<string, unknown> = metrics(session.slug);
    delete missing.reconnects;
    expect((await save(missing, { user: ctx.member })).status).toBe(422);
  });

  it("refuses an oversized body with 413 before reading it all", async () => {
    const res = await save({ ...metrics(session.slug), padding: "x".repeat(5000) }, { user: ctx.member });
    expect([res.status, errorCode(res)]).toEqual([413, "payload_too_large"]);
  });
});
