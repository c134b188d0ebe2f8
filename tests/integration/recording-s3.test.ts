import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EgressInfo, EgressStatus, S3Upload } from "livekit-server-sdk";
import { NextRequest } from "next/server";
import { getDb } from "@/server/db";
import {
  deleteRecordingEndpoint,
  recordingFileEndpoint,
  startRecordingEndpoint,
  stopRecordingEndpoint,
} from "@/modules/core/recording/api/recording-endpoints";
import { applyRecorderEvent } from "@/modules/core/recording/application/apply-recorder-event";
import { findRecording, insertStartingRecording } from "@/modules/core/recording/infra/recording-repository";
import { s3RecordingStorage } from "@/modules/core/recording/infra/s3-recording-storage";
import { liveKitWebhookEndpoint } from "@/modules/core/sessions/api/webhook-endpoint";
import { call, errorCode } from "../support/api";
import { recordWithEgressStandIn } from "../support/egress-standin";
import { signedWebhook } from "../support/livekit-webhook";
import { startS3StandIn } from "../support/s3-standin";
import { liveSession, newSession, setupSpace } from "../support/sessions";
import { recordingsApi } from "@/modules/core/recording/api/contract";
import { expectReply } from "../support/contract";

const S3 = { bucket: "rooms-rec", region: "eu-test-1", accessKey: "AKIATEST", secret: "s3-secret-for-tests" };

describe("recording with Egress uploading to an S3-compatible bucket", () => {
  let egress: Awaited<ReturnType<typeof recordWithEgressStandIn>>;
  let s3: Awaited<ReturnType<typeof startS3StandIn>>;
  let ctx: Awaited<ReturnType<typeof setupSpace>>;

  beforeAll(async () => {
    s3 = await startS3StandIn(S3);
    egress = await recordWithEgressStandIn({
      RECORDING_S3_BUCKET: S3.bucket,
      RECORDING_S3_REGION: S3.region,
      RECORDING_S3_ENDPOINT: s3.url,
      RECORDING_S3_ACCESS_KEY: S3.accessKey,
      RECORDING_S3_SECRET: S3.secret,
      RECORDING_S3_FORCE_PATH_STYLE: "true",
      RECORDING_S3_PREFIX: "calls/rooms",
    });
    ctx = await setupSpace();
  });
  afterAll(async () => {
    await egress?.close();
    await s3?.close();
  });

  it("asks Egress to upload <prefix>/<id>.mp4, then serves the object by range and deletes it", async () => {
    const session = await liveSession(ctx.host, ctx.spaceId);
    const id = expectReply(
      await call(startRecordingEndpoint, { user: ctx.host, params: { slug: session.slug } }),
      recordingsApi.start,
    ).recording.id;
    const egressId = (await findRecording(getDb(), id))!.externalId!;
    const file = egress.egresses.get(egressId)!.request.fileOutputs[0]!;
    expect(file.filepath).toBe(`calls/rooms/${id}.mp4`);
    expect(file.output.case).toBe("s3");
    expect(file.output.value as S3Upload).toMatchObject({
      bucket: S3.bucket,
      region: S3.region,
      endpoint: s3.url,
      accessKey: S3.accessKey,
      secret: S3.secret,
      forcePathStyle: true,
    });

    // What Egress does: upload the file, then report it.
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 256));
    s3.objects.set(`calls/rooms/${id}.mp4`, bytes);
    await call(stopRecordingEndpoint, { user: ctx.host, params: { slug: session.slug, id } });
    const w = await signedWebhook({
      event: "egress_ended",
      egressInfo: new EgressInfo({
        egressId,
        roomName: session.id,
        status: EgressStatus.EGRESS_COMPLETE,
        fileResults: [
          {
            filename: `calls/rooms/${id}.mp4`,
            location: `${s3.url}/${S3.bucket}/calls/rooms/${id}.mp4`,
            duration: BigInt(12_000_000_000),
            size: BigInt(bytes.length),
          },
        ],
      }).toJson(),
    });
    await call(liveKitWebhookEndpoint as never, {
      body: w.body,
      headers: { "content-type": "application/webhook+json", authorization: w.authorization },
    });
    expect(await findRecording(getDb(), id)).toMatchObject({
      status: "READY",
      storageKey: `s3://${S3.bucket}/calls/rooms/${id}.mp4`,
      durationMs: 12_000,
    });

    const get = async (range?: string) => {
      const res = await recordingFileEndpoint(
        new NextRequest("http://localhost:3000/x", {
          headers: {
            cookie: ctx.host.cookie,
            "x-rooms-peer-address": "10.78.0.1",
            ...(range ? { range } : {}),
          },
        }),
        { params: Promise.resolve({ slug: session.slug, id }) },
      );
      return { res, body: Buffer.from(await res.arrayBuffer()) };
    };
    const part = await get("bytes=100-199");
    expect(part.res.status).toBe(206);
    expect(part.res.headers.get("content-range")).toBe(`bytes 100-199/${bytes.length}`);
    expect(part.body.equals(bytes.subarray(100, 200))).toBe(true);
    const whole = await get();
    expect(whole.res.status).toBe(200);
    expect(whole.body.equals(bytes)).toBe(true);
    expect(s3.refused).toEqual([]);

    const del = await call(deleteRecordingEndpoint, {
      user: ctx.host,
      params: { slug: session.slug, id },
      method: "DELETE",
    });
    expect(del.status).toBe(204);
    expect(s3.objects.has(`calls/rooms/${id}.mp4`)).toBe(false);
  });

  it("a store that cannot be reached answers 503 and keeps the recording", async () => {
    const session = await newSession(ctx.host, ctx.spaceId);
    const row = (await insertStartingRecording(getDb(), {
      videoSessionId: session.id,
      startedByUserId: ctx.host.id,
      recorder: "EGRESS",
      at: new Date(),
    }))!;
    await applyRecorderEvent(getDb(), {
      type: "ready",
      externalId: "EG_outage",
      recordingId: row.id,
      at: new Date(),
      durationMs: 1000,
      sizeBytes: 1,
      storageKey: `s3://${S3.bucket}/calls/rooms/${row.id}.mp4`,
      mimeType: "video/mp4",
    });
    s3.setOutage(true);
    try {
      const params = { slug: session.slug, id: row.id };
      const got = await call(recordingFileEndpoint, { user: ctx.host, params });
      expect([got.status, errorCode(got)]).toEqual([503, "media_unavailable"]);
      const del = await call(deleteRecordingEndpoint, { user: ctx.host, params, method: "DELETE" });
      expect([del.status, errorCode(del)]).toEqual([503, "media_unavailable"]);
      expect((await findRecording(getDb(), row.id))?.status).toBe("READY");
    } finally {
      s3.setOutage(false);
    }
  });

  it("the stand-in checks the signature: a wrong secret is refused and the storage reports it", async () => {
    s3.objects.set("calls/rooms/x.mp4", Buffer.from("x"));
    const wrong = s3RecordingStorage({
      kind: "s3",
      ...S3,
      secret: "not-the-secret",
      endpoint: s3.url,
      forcePathStyle: true,
      prefix: "calls/rooms",
    });
    await expect(wrong.read(`s3://${S3.bucket}/calls/rooms/x.mp4`)).rejects.toThrow(/403/);
    expect(s3.refused.at(-1)).toEqual({ method: "GET", code: "SignatureDoesNotMatch" });
    const right = s3RecordingStorage({
      kind: "s3",
      ...S3,
      endpoint: s3.url,
      forcePathStyle: true,
      prefix: "calls/rooms",
    });
    expect(await right.size(`s3://${S3.bucket}/calls/rooms/x.mp4`)).toBe(1);
    expect(await right.size(`s3://other-bucket/calls/rooms/x.mp4`)).toBeNull();
  });
});
