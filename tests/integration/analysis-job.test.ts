import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "@/server/db";
import { deps } from "@/server/deps";
import { log } from "@/server/logger";
import { sessionAnalyses } from "@/lib/db/schema/analysis";
import { tasks } from "@/lib/db/schema/tasks";
import { participants, videoSessions } from "@/lib/db/schema/sessions";
import { analysisEndpoint, rerunAnalysisEndpoint } from "@/modules/core/analysis/api/analysis-endpoints";
import { insertPendingAnalysis } from "@/modules/core/analysis/infra/analysis-repository";
import {
  bossQueue,
  requeueOrphans,
  startAnalysisWorker,
  type AnalysisWorker,
} from "@/modules/core/analysis/infra/analysis-worker";
import { markEnded } from "@/modules/core/sessions/infra/session-repository";
import { endSessionEndpoint } from "@/modules/core/sessions/api/session-endpoints";
import { liveKitWebhookEndpoint } from "@/modules/core/sessions/api/webhook-endpoint";
import { sweepIdleSessions } from "@/modules/core/sessions/application/sweep-idle-sessions";
import { call, errorCode } from "../support/api";
import {
  analysisRow,
  jobsFor,
  participantIdOf,
  scriptedAnalyzer,
  waitForAnalysis,
  writeMeeting,
} from "../support/analysis";
import { signedWebhook } from "../support/livekit-webhook";
import { join, newSession, setupSpace } from "../support/sessions";
import { analysisApi } from "@/modules/core/analysis/api/contract";
import { sessionsApi } from "@/modules/core/sessions/api/contract";
import { expectReply } from "../support/contract";

const db = () => getDb();
const RETRY_LIMIT = 1;

describe("the session analysis job", () => {
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  let worker: AnalysisWorker;

  beforeAll(async () => {
    ctx = await setupSpace();
    worker = await startAnalysisWorker({
      connectionString: inject("databaseUrl"),
      db: getDb(),
      analyzer: scriptedAnalyzer,
      log: log(),
      policy: { retryLimit: RETRY_LIMIT, retryDelaySeconds: 1, expireInSeconds: 60 },
      pollingIntervalSeconds: 0.5,
      maintenanceIntervalSeconds: 1,
    });
  });
  afterAll(async () => {
    await worker?.stop();
  });

  async function meeting(title = "Planning") {
    const s = await newSession(ctx.host, ctx.spaceId, { title });
    const host = await join(s.slug, { user: ctx.host });
    const hostPid = await participantIdOf(
      db(),
      s.id,
      expectReply(host, sessionsApi.join).participant.identity,
    );
    const ids = await writeMeeting(db(), s.id, [
      { participantId: hostPid, text: "We reviewed the launch plan." },
      { participantId: hostPid, text: "We decided to ship on Monday." },
      { participantId: hostPid, text: "I will write the release notes." },
      { participantId: hostPid, text: "Hana will book the demo room." },
    ]);
    return { s, ids };
  }
  const end = (slug: string) =>
    call(endSessionEndpoint, { user: ctx.host, method: "POST", params: { slug } });

  it("ending a session queues exactly one job, and the analysis reaches DONE with evidence that exists", async () => {
    const { s, ids } = await meeting();
    expect((await end(s.slug)).status).toBe(200);
    // Ending again and the room's own room_finished webhook: still one analysis, one job.
    expect((await end(s.slug)).status).toBe(200);
    const finished = await signedWebhook({ event: "room_finished", room: { name: s.id } });
    await call(liveKitWebhookEndpoint as never, {
      body: finished.body,
      headers: { "content-type": "application/webhook+json", authorization: finished.authorization },
    });
    expect(await jobsFor(db(), s.id)).toHaveLength(1);

    const row = await waitForAnalysis(db(), s.id, (r) => r.status === "DONE");
    expect(row).toMatchObject({ progress: 100, attempts: 1, model: "scripted", error: null });
    const evidence = [
      ...row.summaryPoints!,
      ...row.keyPoints!,
      ...row.decisions!,
      ...row.actionItems!,
    ].flatMap((p) => p.segmentIds);
    expect(evidence.length).toBeGreaterThan(0);
    // The made-up id the analyzer returned is dropped; every other one is a segment of this session.
    expect(evidence.every((id) => ids.includes(id))).toBe(true);
    expect(row.decisions!.map((d) => d.segmentIds)).toEqual([[ids[1]]]);
    expect((await jobsFor(db(), s.id)).map((j) => j.state)).toEqual(["completed"]);

    const made = await db().select().from(tasks).where(eq(tasks.videoSessionId, s.id));
    expect(made.map((t) => t.segmentId).sort()).toEqual([ids[2], ids[3]].sort());
  });

  it("the idle sweeper's end queues the analysis too", async () => {
    const { s } = await meeting();
    await db()
      .update(videoSessions)
      .set({ status: "LIVE", lastActivityAt: new Date(Date.now() - 3_600_000) })
      .where(eq(videoSessions.id, s.id));
    await db().update(participants).set({ leftAt: new Date() }).where(eq(participants.videoSessionId, s.id));
    const ended = await sweepIdleSessions({ ...deps(), media: null }, { idleMs: 60_000 });
    expect(ended).toContain(s.id);
    expect(await jobsFor(db(), s.id)).toHaveLength(1);
    await waitForAnalysis(db(), s.id, (r) => r.status === "DONE");
  });

  it("re-running bumps attempts, refuses while queued, keeps tasks and people's edits", async () => {
    const { s } = await meeting("Planning [slow]");
    await end(s.slug);
    await waitForAnalysis(db(), s.id, (r) => r.status === "DONE");
    const before = await db().select().from(tasks).where(eq(tasks.videoSessionId, s.id));
    expect(before).toHaveLength(2);
    await db()
      .update(tasks)
      .set({ title: "Edited by a person", status: "DOING" })
      .where(eq(tasks.id, before[0]!.id));

    const rerun = await call(rerunAnalysisEndpoint, {
      user: ctx.host,
      method: "POST",
      params: { slug: s.slug },
    });
    expect(rerun.status).toBe(202);
    // The worker may have taken it already.
    expect(["PENDING", "RUNNING"]).toContain(expectReply(rerun, analysisApi.rerun).analysis!.status);
    const again = await call(rerunAnalysisEndpoint, {
      user: ctx.host,
      method: "POST",
      params: { slug: s.slug },
    });
    expect(again.status).toBe(409);
    expect(errorCode(again)).toBe("analysis_in_progress");

    const row = await waitForAnalysis(db(), s.id, (r) => r.status === "DONE" && r.attempts === 2);
    expect(row.progress).toBe(100);
    const after = await db().select().from(tasks).where(eq(tasks.videoSessionId, s.id));
    expect(after).toHaveLength(2);
    expect(after.find((t) => t.id === before[0]!.id)).toMatchObject({
      title: "Edited by a person",
      status: "DOING",
    });
  });

  it("a failing analyzer ends FAILED with a user-safe reason after its retries", async () => {
    const { s } = await meeting("Retro [fail]");
    await end(s.slug);
    const row = await waitForAnalysis(db(), s.id, (r) => r.status === "FAILED", 30_000);
    expect(row.attempts).toBe(RETRY_LIMIT + 1);
    expect(row.error).toBe("The analysis could not be completed.");
    const jobs = await jobsFor(db(), s.id);
    expect(jobs.map((j) => [j.state, j.retry_count])).toEqual([["failed", RETRY_LIMIT]]);
    const res = await call(analysisEndpoint, { user: ctx.host, params: { slug: s.slug } });
    expect(expectReply(res, analysisApi.get).analysis).toMatchObject({
      status: "FAILED",
      error: "The analysis could not be completed.",
    });
    expect(res.text).not.toContain("internal detail");
    expect(await db().select().from(tasks).where(eq(tasks.videoSessionId, s.id))).toHaveLength(0);
    // The host can try again after a failure.
    const rerun = await call(rerunAnalysisEndpoint, {
      user: ctx.host,
      method: "POST",
      params: { slug: s.slug },
    });
    expect(rerun.status).toBe(202);
    await waitForAnalysis(
      db(),
      s.id,
      (r) => r.status === "FAILED" && r.attempts === 2 * (RETRY_LIMIT + 1),
      30_000,
    );
  });

  it("re-queues analyses left without a live job, and gives up on one whose worker kept dying", async () => {
    const lost = (await meeting()).s; // ended, but the send never happened
    const died = (await meeting()).s; // RUNNING, its worker died on the last retry
    const doomed = (await meeting()).s; // died too often
    for (const [s, status, attempts] of [
      [lost, "PENDING", 0],
      [died, "RUNNING", 3],
      [doomed, "RUNNING", 10],
    ] as const) {
      expect(await markEnded(db(), s.id, new Date())).toBe(true);
      expect(await insertPendingAnalysis(db(), s.id)).toBe(true);
      await db()
        .update(sessionAnalyses)
        .set({ status, attempts })
        .where(eq(sessionAnalyses.videoSessionId, s.id));
    }
    expect(await requeueOrphans(db(), bossQueue(worker.boss))).toBeGreaterThanOrEqual(2);
    expect(await waitForAnalysis(db(), lost.id, (r) => r.status === "DONE")).toMatchObject({ attempts: 1 });
    expect(await waitForAnalysis(db(), died.id, (r) => r.status === "DONE")).toMatchObject({ attempts: 4 });
    expect(await analysisRow(db(), doomed.id)).toMatchObject({ status: "FAILED", attempts: 10 });
    expect(await jobsFor(db(), doomed.id)).toHaveLength(0);
    // With their jobs done, nothing is left to re-queue for them.
    await requeueOrphans(db(), bossQueue(worker.boss));
    expect(await jobsFor(db(), lost.id)).toHaveLength(1);
  });

  it("a session that has not ended has no analysis yet, and cannot be re-run", async () => {
    const s = await newSession(ctx.host, ctx.spaceId);
    await join(s.slug, { user: ctx.host });
    const res = await call(analysisEndpoint, { user: ctx.host, params: { slug: s.slug } });
    expect(res.status).toBe(200);
    expect(expectReply(res, analysisApi.get)).toEqual({ analysis: null, canRerun: true, citations: {} });
    const rerun = await call(rerunAnalysisEndpoint, {
      user: ctx.host,
      method: "POST",
      params: { slug: s.slug },
    });
    expect(rerun.status).toBe(409);
    expect(errorCode(rerun)).toBe("analysis_not_ready");
    expect(await analysisRow(db(), s.id)).toBeNull();
  });
});
