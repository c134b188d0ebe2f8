import { createServer } from "node:net";
import { eq } from "drizzle-orm";
import { EgressInfo, EgressStatus } from "livekit-server-sdk";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "@/server/db";
import { webEnv } from "@/lib/env/web";
import { recordings } from "@/lib/db/schema/recordings";
import { startRecordingEndpoint } from "@/modules/core/recording/api/recording-endpoints";
import type { RecorderPort } from "@/modules/core/recording/application/recorder-port";
import { sweepStaleRecordings } from "@/modules/core/recording/application/sweep-stale-recordings";
import { egressRecorder } from "@/modules/core/recording/infra/egress-recorder";
import { egressOutputFromEnv, recorderFromEnv } from "@/modules/core/recording/infra/recorder-from-env";
import { findRecording } from "@/modules/core/recording/infra/recording-repository";
import { liveKitWebhookEndpoint } from "@/modules/core/sessions/api/webhook-endpoint";
import { call } from "../support/api";
import { recordWithEgressStandIn } from "../support/egress-standin";
import { signedWebhook } from "../support/livekit-webhook";
import { liveSession, setupSpace } from "../support/sessions";
import { createLogger } from "@/lib/logger";

const silent = createLogger("test", "silent");
import { recordingsApi } from "@/modules/core/recording/api/contract";
import { sessionsApi } from "@/modules/core/sessions/api/contract";
import { expectReply } from "../support/contract";

const NS = BigInt(1_000_000);
const MIN = 60_000;
const DIR = "/srv/egress/recordings";

// The sweep reads every row of the shared test database. Run "an hour ago" over rows dated before
// that, it sees only this file's rows, never the fresh ones other files are working on.
const now = new Date(Date.now() - 60 * MIN);
const before = (ms: number) => new Date(now.getTime() - ms);
const ns = (d: Date) => BigInt(d.getTime()) * NS;

describe("an Egress recording whose webhooks were lost is settled by asking Egress (ListEgress)", () => {
  let standIn: Awaited<ReturnType<typeof recordWithEgressStandIn>>;
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  let recorder: RecorderPort;

  beforeAll(async () => {
    standIn = await recordWithEgressStandIn({ RECORDING_EGRESS_DIR: DIR });
    ctx = await setupSpace();
    recorder = egressClientAt(standIn.url);
  });
  afterAll(async () => {
    await standIn?.close();
  });

  function egressClientAt(apiUrl: string): RecorderPort {
    const lk = inject("livekit");
    return egressRecorder({
      apiUrl,
      apiKey: lk.apiKey,
      apiSecret: lk.apiSecret,
      output: egressOutputFromEnv(webEnv()),
      requestTimeoutSeconds: 5,
    });
  }

  /** A recording started through the API; Egress's `egress_started` (ACTIVE) arrives unless `lost`. */
  async function recording(opts: { startedHookLost?: boolean } = {}) {
    const session = await liveSession(ctx.host, ctx.spaceId);
    const res = await call(startRecordingEndpoint, { user: ctx.host, params: { slug: session.slug } });
    expect(res.status).toBe(201);
    const id = expectReply(res, recordingsApi.start).recording.id as string;
    const egressId = (await findRecording(getDb(), id))!.externalId!;
    if (!opts.startedHookLost) {
      const w = await signedWebhook({
        event: "egress_started",
        egressInfo: new EgressInfo({
          egressId,
          roomName: session.id,
          status: EgressStatus.EGRESS_ACTIVE,
        }).toJson(),
      });
      const hook = await call(liveKitWebhookEndpoint as never, {
        body: w.body,
        headers: { "content-type": "application/webhook+json", authorization: w.authorization },
      });
      expect(expectReply(hook, sessionsApi.webhook).outcome).toBe("applied");
      expect((await findRecording(getDb(), id))!.status).toBe("RECORDING");
    }
    return { id, egressId, egress: standIn.egresses.get(egressId)! };
  }

  /**
   * Nothing heard from Egress for `silentFor` before `now`, then the sweep. In one transaction, so
   * no other file's sweep sees the backdated row in between.
   */
  const sweepAfterSilence = (id: string, opts: { silentFor?: number; with?: RecorderPort } = {}) =>
    getDb().transaction(async (tx) => {
      const last = before(opts.silentFor ?? 10 * MIN);
      await tx.update(recordings).set({ heartbeatAt: last, startedAt: last }).where(eq(recordings.id, id));
      return sweepStaleRecordings(tx, { recorder: opts.with ?? recorder, log: silent }, { now });
    });

  it("Egress says COMPLETE: READY with its file's duration and size, ended when Egress ended", async () => {
    const { id, egressId, egress } = await recording();
    const endedAt = before(MIN);
    egress.status = EgressStatus.EGRESS_COMPLETE;
    egress.info = {
      startedAt: ns(before(9 * MIN)),
      endedAt: ns(endedAt),
      fileResults: [{ filename: `${DIR}/${id}.mp4`, duration: BigInt(31_500) * NS, size: BigInt(4_200_000) }],
    };
    const failed = await sweepAfterSilence(id);
    expect(standIn.listed).toContain(egressId);
    expect(failed).not.toContain(id);
    expect(await findRecording(getDb(), id)).toMatchObject({
      status: "READY",
      durationMs: 31_500,
      sizeBytes: 4_200_000,
      storageKey: `recordings/${id}.mp4`,
      mimeType: "video/mp4",
      endedAt,
      failureReason: null,
    });
  });

  it("Egress says FAILED: FAILED with Egress's error", async () => {
    const { id, egress } = await recording();
    egress.status = EgressStatus.EGRESS_FAILED;
    egress.info = { error: "pipeline frozen", endedAt: ns(before(2 * MIN)) };
    expect(await sweepAfterSilence(id)).toContain(id);
    expect(await findRecording(getDb(), id)).toMatchObject({
      status: "FAILED",
      failureReason: "The recorder failed: pipeline frozen",
    });
  });

  it("Egress has no record of the egress: FAILED with a reason that says so", async () => {
    const { id, egressId } = await recording();
    standIn.egresses.delete(egressId);
    expect(await sweepAfterSilence(id)).toContain(id);
    expect(standIn.refused).toContainEqual({ method: "ListEgress", status: 404, code: "not_found" });
    expect(await findRecording(getDb(), id)).toMatchObject({
      status: "FAILED",
      failureReason: "The recorder has no record of this recording any more.",
    });
  });

  it("Egress cannot be reached: the row is left as it was, for the next sweep", async () => {
    const { id, egressId, egress } = await recording();
    egress.status = EgressStatus.EGRESS_FAILED;
    const closedPort = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    const asked = standIn.listed.length;
    const failed = await sweepAfterSilence(id, { with: egressClientAt(`http://127.0.0.1:${closedPort}`) });
    expect(failed).not.toContain(id);
    expect(standIn.listed.length).toBe(asked);
    expect(await findRecording(getDb(), id)).toMatchObject({
      status: "RECORDING",
      heartbeatAt: before(10 * MIN),
      externalId: egressId,
    });
    // Reachable again: the next sweep settles it.
    expect(await sweepStaleRecordings(getDb(), { recorder, log: silent }, { now })).toContain(id);
  });

  it("Egress says ACTIVE: still RECORDING, heartbeat refreshed, so the next sweep does not ask again", async () => {
    const { id, egressId, egress } = await recording();
    egress.status = EgressStatus.EGRESS_ACTIVE;
    egress.info = { startedAt: ns(before(9 * MIN)) };
    const failed = await sweepAfterSilence(id);
    expect(failed).not.toContain(id);
    const row = (await findRecording(getDb(), id))!;
    expect(row).toMatchObject({ status: "RECORDING", heartbeatAt: now });
    const asked = standIn.listed.filter((e) => e === egressId).length;
    expect(asked).toBe(1);
    const later = new Date(now.getTime() + 30_000);
    await sweepStaleRecordings(getDb(), { recorder, log: silent }, { now: later });
    expect(standIn.listed.filter((e) => e === egressId).length).toBe(asked);
    // Quiet for longer than the check interval again: asked again.
    await sweepStaleRecordings(
      getDb(),
      { recorder, log: silent },
      { now: new Date(now.getTime() + 3 * MIN) },
    );
    expect(standIn.listed.filter((e) => e === egressId).length).toBe(asked + 1);
  });

  it("a lost egress_started: asked before the start timeout fails it, RECORDING from Egress's own start time", async () => {
    const { id, egress } = await recording({ startedHookLost: true });
    expect((await findRecording(getDb(), id))!.status).toBe("STARTING");
    const began = before(3 * MIN);
    egress.status = EgressStatus.EGRESS_ACTIVE;
    egress.info = { startedAt: ns(began) };
    const failed = await sweepAfterSilence(id, { silentFor: 4 * MIN });
    expect(failed).not.toContain(id);
    // The file's time zero is when Egress began writing, not when the sweep noticed.
    expect(await findRecording(getDb(), id)).toMatchObject({
      status: "RECORDING",
      startedAt: began,
      heartbeatAt: now,
    });
  });

  it("the background sweep's recorder (RECORDER=egress) is the one that can be asked", () => {
    expect(recorderFromEnv(webEnv(), getDb())?.status).toBeTypeOf("function");
  });
});
