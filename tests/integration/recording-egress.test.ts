import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { EgressInfo, EgressStatus, EncodedFileOutput } from "livekit-server-sdk";
import { getDb } from "@/server/db";
import {
  listRecordingsEndpoint,
  startRecordingEndpoint,
  stopRecordingEndpoint,
} from "@/modules/core/recording/api/recording-endpoints";
import { findRecording } from "@/modules/core/recording/infra/recording-repository";
import { endSessionEndpoint } from "@/modules/core/sessions/api/session-endpoints";
import { liveKitWebhookEndpoint } from "@/modules/core/sessions/api/webhook-endpoint";
import { call, errorCode } from "../support/api";
import { recordWithEgressStandIn } from "../support/egress-standin";
import { signedWebhook } from "../support/livekit-webhook";
import { liveSession as liveSessionIn, setupSpace } from "../support/sessions";
import { recordingsApi } from "@/modules/core/recording/api/contract";
import { sessionsApi } from "@/modules/core/sessions/api/contract";
import { expectReply } from "../support/contract";

type StandIn = Awaited<ReturnType<typeof recordWithEgressStandIn>>;

const NS = BigInt(1_000_000);

/** An egress webhook signed as livekit-server signs it. */
async function egressHook(event: string, info: ConstructorParameters<typeof EgressInfo>[0]) {
  const w = await signedWebhook({ event, egressInfo: new EgressInfo(info).toJson() });
  return call(liveKitWebhookEndpoint as never, {
    body: w.body,
    headers: { "content-type": "application/webhook+json", authorization: w.authorization },
  });
}

describe("recording through LiveKit Egress (the Twirp API stand-in, signed egress webhooks)", () => {
  let standIn: StandIn;
  let ctx: Awaited<ReturnType<typeof setupSpace>>;

  beforeAll(async () => {
    standIn = await recordWithEgressStandIn({ RECORDING_EGRESS_DIR: "/srv/egress/recordings" });
    ctx = await setupSpace();
  });
  afterAll(async () => {
    await standIn?.close();
  });

  const liveSession = () => liveSessionIn(ctx.host, ctx.spaceId);

  const start = (slug: string) => call(startRecordingEndpoint, { user: ctx.host, params: { slug } });

  it("starts a grid room composite into one MP4 named by the recording, then follows the webhooks to READY", async () => {
    const session = await liveSession();
    const res = await start(session.slug);
    expect(res.status).toBe(201);
    const id = expectReply(res, recordingsApi.start).recording.id as string;
    expect(expectReply(res, recordingsApi.start).recording).toMatchObject({
      status: "STARTING",
      recorder: "EGRESS",
    });

    const row = (await findRecording(getDb(), id))!;
    const egress = standIn.egresses.get(row.externalId!)!;
    expect(egress.request.roomName).toBe(session.id);
    expect(egress.request.layout).toBe("grid");
    expect(egress.request.audioOnly).toBe(false);
    const file =
      egress.request.fileOutputs[0] ??
      (egress.request.output.case === "file"
        ? (egress.request.output.value as EncodedFileOutput)
        : undefined);
    expect(file?.filepath).toBe(`/srv/egress/recordings/${id}.mp4`);

    const base = { egressId: row.externalId!, roomName: session.id };
    expect(
      expectReply(
        await egressHook("egress_started", { ...base, status: EgressStatus.EGRESS_ACTIVE }),
        sessionsApi.webhook,
      ).outcome,
    ).toBe("applied");
    expect((await findRecording(getDb(), id))!.status).toBe("RECORDING");

    const stopped = await call(stopRecordingEndpoint, { user: ctx.host, params: { slug: session.slug, id } });
    expect(stopped.status).toBe(200);
    expect(expectReply(stopped, recordingsApi.stop).recording.stopRequested).toBe(true);
    expect(egress.status).toBe(EgressStatus.EGRESS_ENDING);

    await egressHook("egress_updated", { ...base, status: EgressStatus.EGRESS_ENDING });
    expect((await findRecording(getDb(), id))!.status).toBe("PROCESSING");
    await egressHook("egress_ended", {
      ...base,
      status: EgressStatus.EGRESS_COMPLETE,
      fileResults: [
        {
          filename: `/srv/egress/recordings/${id}.mp4`,
          location: `/srv/egress/recordings/${id}.mp4`,
          duration: BigInt(31_500) * NS,
          size: BigInt(4_200_000),
        },
      ],
    });
    const list = await call(listRecordingsEndpoint, { user: ctx.host, params: { slug: session.slug } });
    expect(expectReply(list, recordingsApi.list).recordings[0]).toMatchObject({
      id,
      status: "READY",
      durationMs: 31_500,
      sizeBytes: 4_200_000,
      mimeType: "video/mp4",
      startedByName: "Hana Host",
    });
    expect((await findRecording(getDb(), id))!.storageKey).toBe(`recordings/${id}.mp4`);

    // Stopping a finished recording is a no-op, not an error; the stand-in is not asked again.
    const again = await call(stopRecordingEndpoint, { user: ctx.host, params: { slug: session.slug, id } });
    expect(again.status).toBe(200);
    expect(expectReply(again, recordingsApi.stop).recording.status).toBe("READY");
  });

  it("a failure reported by webhook leaves FAILED with Egress's reason; a new recording can start", async () => {
    const session = await liveSession();
    const id = expectReply(await start(session.slug), recordingsApi.start).recording.id as string;
    const egressId = (await findRecording(getDb(), id))!.externalId!;
    await egressHook("egress_started", {
      egressId,
      roomName: session.id,
      status: EgressStatus.EGRESS_ACTIVE,
    });
    await egressHook("egress_ended", {
      egressId,
      roomName: session.id,
      status: EgressStatus.EGRESS_FAILED,
      error: "pipeline frozen",
    });
    expect(await findRecording(getDb(), id)).toMatchObject({
      status: "FAILED",
      failureReason: "The recorder failed: pipeline frozen",
    });
    const next = await start(session.slug);
    expect(next.status).toBe(201);
    expect(expectReply(next, recordingsApi.start).recording.id).not.toBe(id);
  });

  it("ignores duplicate and out-of-order webhooks: a late 'started' or 'ending' never reopens READY", async () => {
    const session = await liveSession();
    const id = expectReply(await start(session.slug), recordingsApi.start).recording.id as string;
    const egressId = (await findRecording(getDb(), id))!.externalId!;
    const base = { egressId, roomName: session.id };
    const ended = {
      ...base,
      status: EgressStatus.EGRESS_COMPLETE,
      fileResults: [
        { filename: `/srv/egress/recordings/${id}.mp4`, duration: BigInt(5_000) * NS, size: BigInt(10) },
      ],
    };
    // egress_ended arrives first, then the earlier events, then ended again.
    expect(expectReply(await egressHook("egress_ended", ended), sessionsApi.webhook).outcome).toBe("applied");
    for (const [event, status] of [
      ["egress_started", EgressStatus.EGRESS_ACTIVE],
      ["egress_updated", EgressStatus.EGRESS_ENDING],
      ["egress_updated", EgressStatus.EGRESS_FAILED],
    ] as const) {
      expect(expectReply(await egressHook(event, { ...base, status }), sessionsApi.webhook).outcome).toBe(
        "ignored",
      );
    }
    expect(expectReply(await egressHook("egress_ended", ended), sessionsApi.webhook).outcome).toBe("ignored");
    expect(await findRecording(getDb(), id)).toMatchObject({
      status: "READY",
      durationMs: 5_000,
      failureReason: null,
    });
  });

  it("an egress_started that beats the start call's answer is matched by the file name", async () => {
    const session = await liveSession();
    const id = expectReply(await start(session.slug), recordingsApi.start).recording.id as string;
    // As if the row had not got its egress id yet: the report names the file, which names the row.
    const { recordings } = await import("@/lib/db/schema/recordings");
    const { eq } = await import("drizzle-orm");
    await getDb().update(recordings).set({ externalId: null }).where(eq(recordings.id, id));
    await egressHook("egress_started", {
      egressId: "EG_early",
      roomName: session.id,
      status: EgressStatus.EGRESS_ACTIVE,
      fileResults: [{ filename: `/srv/egress/recordings/${id}.mp4` }],
    });
    expect(await findRecording(getDb(), id)).toMatchObject({ status: "RECORDING", externalId: "EG_early" });
  });

  it("when Egress refuses the start, the row is FAILED, the host gets 503, and nothing blocks a retry", async () => {
    const session = await liveSession();
    standIn.failNextStart();
    const res = await start(session.slug);
    expect(res.status).toBe(503);
    expect(errorCode(res)).toBe("media_unavailable");
    const list = await call(listRecordingsEndpoint, { user: ctx.host, params: { slug: session.slug } });
    expect(expectReply(list, recordingsApi.list).recordings).toMatchObject([
      { status: "FAILED", failureReason: "The recorder could not be started." },
    ]);
    expect((await start(session.slug)).status).toBe(201);
  });

  it("a session ended while Egress is still answering the start gets its recording stopped once it answers", async () => {
    const session = await liveSession();
    let answer!: () => void;
    standIn.holdNextStart(new Promise<void>((resolve) => (answer = resolve)));
    const starting = start(session.slug);
    const rows = async () =>
      expectReply(
        await call(listRecordingsEndpoint, { user: ctx.host, params: { slug: session.slug } }),
        recordingsApi.list,
      ).recordings;
    await expect.poll(async () => (await rows()).length).toBe(1);
    const ended = await call(endSessionEndpoint, {
      user: ctx.host,
      params: { slug: session.slug },
      method: "POST",
    });
    expect(ended.status).toBe(200);
    answer();
    const res = await starting;
    expect(res.status).toBe(201);
    expect(expectReply(res, recordingsApi.start).recording.stopRequested).toBe(true);
    const egressId = (await findRecording(getDb(), expectReply(res, recordingsApi.start).recording.id))!
      .externalId!;
    expect(standIn.egresses.get(egressId)!.status).toBe(EgressStatus.EGRESS_ENDING);
  });

  it("a forged egress webhook is refused with 401 and changes nothing", async () => {
    const session = await liveSession();
    const id = expectReply(await start(session.slug), recordingsApi.start).recording.id as string;
    const egressId = (await findRecording(getDb(), id))!.externalId!;
    const w = await signedWebhook(
      {
        event: "egress_ended",
        egressInfo: new EgressInfo({ egressId, status: EgressStatus.EGRESS_FAILED }).toJson(),
      },
      "not-the-secret-not-the-secret-not-the-secret",
    );
    const res = await call(liveKitWebhookEndpoint as never, {
      body: w.body,
      headers: { "content-type": "application/webhook+json", authorization: w.authorization },
    });
    expect(res.status).toBe(401);
    expect((await findRecording(getDb(), id))!.status).toBe("STARTING");
  });

  it("Egress calls without the roomRecord grant are refused by the stand-in, as by the real server", async () => {
    const { AccessToken } = await import("livekit-server-sdk");
    const lk = inject("livekit");
    const at = new AccessToken(lk.apiKey, lk.apiSecret, { identity: "not-a-recorder" });
    at.addGrant({ roomJoin: true, room: "x" });
    const res = await fetch(`${standIn.url}/twirp/livekit.Egress/StartRoomCompositeEgress`, {
      method: "POST",
      headers: { authorization: `Bearer ${await at.toJwt()}`, "content-type": "application/json" },
      body: JSON.stringify({ roomName: "x" }),
    });
    expect(res.status).toBe(403);
  });
});
