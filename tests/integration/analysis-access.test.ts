import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { sessionAnalyses } from "@/lib/db/schema/analysis";
import { videoSessions } from "@/lib/db/schema/sessions";
import { transcriptSegments } from "@/lib/db/schema/transcription";
import { analysisEndpoint, rerunAnalysisEndpoint } from "@/modules/core/analysis/api/analysis-endpoints";
import { markEnded } from "@/modules/core/sessions/infra/session-repository";
import { call, errorCode, makeUser, type TestUser } from "../support/api";
import { join, newSession, setupSpace } from "../support/sessions";
import { addMember } from "../support/members";
import { analysisApi } from "@/modules/core/analysis/api/contract";
import { expectReply } from "../support/contract";

type Who = { user?: TestUser; cookie?: string };

describe("who may read and re-run a session's analysis", () => {
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  let admin: TestUser;
  let participant: TestUser;
  let session: { id: string; slug: string };
  let guestCookie: string;

  const read = (who: Who) => call(analysisEndpoint, { ...who, params: { slug: session.slug } });
  const rerun = (who: Who) =>
    call(rerunAnalysisEndpoint, { ...who, method: "POST", params: { slug: session.slug } });
  const markDone = () =>
    getDb()
      .update(sessionAnalyses)
      .set({ status: "DONE", progress: 100, summary: "We shipped." })
      .where(eq(sessionAnalyses.videoSessionId, session.id));
  const share = (on: boolean) =>
    getDb().update(videoSessions).set({ transcriptShared: on }).where(eq(videoSessions.id, session.id));

  beforeAll(async () => {
    ctx = await setupSpace();
    [admin, participant] = await Promise.all([makeUser("Ada Admin"), makeUser("Pia Part")]);
    for (const [u, role] of [
      [admin, "ADMIN"],
      [participant, "MEMBER"],
    ] as const) {
      await addMember(ctx.host, ctx.spaceId, u, role);
    }
    session = await newSession(ctx.host, ctx.spaceId, { allowGuests: true });
    await join(session.slug, { user: participant });
    const guest = await join(session.slug, { displayName: "Gina Guest" });
    guestCookie = guest.headers.get("set-cookie")!.split(";")[0]!;
    // Ended with its analysis already DONE and no job queued: no worker of another test file
    // (analysis-job.test.ts) can overwrite what these tests read.
    expect(await markEnded(getDb(), session.id, new Date())).toBe(true);
    await getDb().insert(sessionAnalyses).values({ videoSessionId: session.id });
    await markDone();
  });

  it("lets the participants, the host and space admins read it, with re-run only for host and admins", async () => {
    // Not a guest of the call: the analysis sums up the whole call (issue 14; transcript-access.test.ts).
    const guest = await read({ cookie: guestCookie });
    expect([guest.status, errorCode(guest)]).toEqual([404, "session_not_found"]);
    for (const [who, canRerun] of [
      [{ user: participant }, false],
      [{ user: ctx.host }, true],
      [{ user: admin }, true],
    ] as const) {
      const res = await read(who);
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(expectReply(res, analysisApi.get).analysis).toMatchObject({
        status: "DONE",
        summary: "We shipped.",
      });
      expect(expectReply(res, analysisApi.get).canRerun).toBe(canRerun);
    }
  });

  it("hides it from outsiders, anonymous visitors, and members who were not in the call unless it is shared", async () => {
    for (const who of [{ user: ctx.outsider }, {}, { user: ctx.member }]) {
      const res = await read(who);
      expect(res.status).toBe(404);
      expect(errorCode(res)).toBe("session_not_found");
    }
    await share(true);
    try {
      const member = await read({ user: ctx.member });
      expect(member.status).toBe(200);
      expect(expectReply(member, analysisApi.get)).toMatchObject({
        analysis: { status: "DONE" },
        canRerun: false,
      });
      // Sharing is for the space's members, not for everyone.
      expect((await read({ user: ctx.outsider })).status).toBe(404);
    } finally {
      await share(false);
    }
    expect((await read({ user: ctx.member })).status).toBe(404);
  });

  it("refuses a re-run to everyone but the host and space admins", async () => {
    const guest = await rerun({ cookie: guestCookie });
    expect(guest.status).toBe(401);
    const part = await rerun({ user: participant });
    expect(part.status).toBe(403);
    expect(errorCode(part)).toBe("forbidden");
    for (const who of [{ user: ctx.outsider }, { user: ctx.member }]) {
      expect((await rerun(who)).status).toBe(404);
    }
    await share(true);
    expect((await rerun({ user: ctx.member })).status).toBe(403);
    await share(false);
    const [row] = await getDb()
      .select()
      .from(sessionAnalyses)
      .where(eq(sessionAnalyses.videoSessionId, session.id));
    expect(row!.status).toBe("DONE");
  });

  it("places each cited line on the session's clock; ids that are not its lines are left out", async () => {
    const started = new Date("2026-11-20T10:00:00Z");
    await getDb().update(videoSessions).set({ startedAt: started }).where(eq(videoSessions.id, session.id));
    // Stored as it ended, 81 s + its 2 s into the call: said at 01:21.
    const [line] = await getDb()
      .insert(transcriptSegments)
      .values({
        videoSessionId: session.id,
        utteranceId: "cite-1",
        text: "we shipped",
        startMs: 1000,
        endMs: 3000,
        provider: "test",
        createdAt: new Date(started.getTime() + 83_000),
      })
      .returning();
    const elsewhere = randomUUID();
    await getDb()
      .update(sessionAnalyses)
      .set({ summaryPoints: [{ text: "We shipped.", segmentIds: [line!.id, elsewhere] }] })
      .where(eq(sessionAnalyses.videoSessionId, session.id));
    const res = await read({ user: participant });
    expect(expectReply(res, analysisApi.get).citations).toEqual({ [line!.id]: 81_000 });
  });

  it("lets the host and a space admin re-run it", async () => {
    for (const who of [{ user: ctx.host }, { user: admin }]) {
      const res = await rerun(who);
      expect(res.status).toBe(202);
      // A worker of another test file may have taken it already.
      expect(["PENDING", "RUNNING", "DONE"]).toContain(expectReply(res, analysisApi.rerun).analysis!.status);
      await markDone();
    }
  });
});
