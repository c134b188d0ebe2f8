import { randomUUID } from "node:crypto";
import { mkdtempSync, existsSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadRecorderEnv } from "../../recorder/env";
import { runRecorder } from "../../recorder/run-recorder";
import { createLogger } from "@/lib/logger";
import type { RecorderEvent } from "@/modules/core/recording/application/recorder-port";
import { getDb } from "@/server/db";
import { loadWebEnv } from "@/lib/env/web";
import {
  findRecording,
  insertStartingRecording,
  setExternalId,
  type Recording,
} from "@/modules/core/recording/infra/recording-repository";
import { localRecorder, type LocalRecorder } from "@/modules/core/recording/infra/local-recorder";
import { endSessionEndpoint } from "@/modules/core/sessions/api/session-endpoints";
import { mediaServerFromEnv } from "@/modules/core/sessions/infra/media-server-from-env";
import { call } from "../support/api";
import { PROBE_W, audioRms, discover, grayFrames, meanLuma } from "../support/media-probe";
import { startPublisher, type Publisher } from "../support/rtc-publisher";
import { join, newSession, setupSpace } from "../support/sessions";
import { MEETING_SENTENCES, speechWav } from "../support/speech";

/**
 * The embedded recorder end to end: a real livekit-server, two rtc-node participants publishing
 * speech and a moving picture, the recorder process started by the LOCAL adapter, the file read
 * back with GStreamer's own tools.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(id: string, done: (r: Recording) => boolean, timeoutMs = 30_000): Promise<Recording> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const row = await findRecording(getDb(), id);
    if (row && done(row)) return row;
    if (Date.now() > until) throw new Error(`recording ${id} still ${row?.status} (${row?.failureReason})`);
    await sleep(100);
  }
}

describe("local recorder", () => {
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  let session: { id: string; slug: string };
  let dataDir: string;
  let recorder: LocalRecorder;
  const publishers: Publisher[] = [];

  async function startRecording() {
    const row = await insertStartingRecording(getDb(), {
      videoSessionId: session.id,
      startedByUserId: ctx.host.id,
      recorder: "LOCAL",
      at: new Date(),
    });
    expect(row).not.toBeNull();
    const { externalId } = await recorder.start({ recordingId: row!.id, roomName: session.id });
    await setExternalId(getDb(), row!.id, externalId);
    const running = await waitFor(row!.id, (r) => r.status !== "STARTING");
    expect(running.failureReason).toBeNull();
    expect(running.status).toBe("RECORDING");
    return { id: row!.id, externalId, startedAt: running.startedAt, recordingSince: Date.now() };
  }

  beforeAll(async () => {
    ctx = await setupSpace();
    session = await newSession(ctx.host, ctx.spaceId);
    // Joining makes the session LIVE and creates its LiveKit room (room name = session id).
    expect((await join(session.slug, { user: ctx.host })).status).toBe(200);
    dataDir = mkdtempSync(path.join(os.tmpdir(), "rooms-recorder-it-"));
    const lk = inject("livekit");
    recorder = localRecorder({
      db: getDb(),
      databaseUrl: inject("databaseUrl"),
      dataDir,
      livekit: lk,
      maxConcurrent: 2,
    });
    const [first, second] = [MEETING_SENTENCES.slice(0, 3), MEETING_SENTENCES.slice(3)].map((sentences) =>
      speechWav({ sentences, sampleRate: 48_000 }),
    );
    publishers.push(
      await startPublisher({
        livekit: lk,
        roomName: session.id,
        identity: "alice",
        wavPath: first!.path,
        video: { width: 640, height: 360, fps: 15, hue: 20 },
      }),
      await startPublisher({
        livekit: lk,
        roomName: session.id,
        identity: "bob",
        wavPath: second!.path,
        video: { width: 640, height: 360, fps: 15, hue: 200 },
      }),
    );
  });

  afterAll(async () => {
    await Promise.all(publishers.map((p) => p.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    "records the call into one MP4 that plays for as long as it recorded, with sound and picture",
    {
      timeout: 90_000,
    },
    async () => {
      const rec = await startRecording();
      // Hidden and a "recorder" to LiveKit: it holds no seat and does not keep an empty room open.
      const media = mediaServerFromEnv(loadWebEnv())!;
      expect(await media.participantIdentities(session.id)).toEqual(expect.arrayContaining(["alice", "bob"]));
      expect(await media.participantIdentities(session.id)).not.toContain(`recorder-${rec.id}`);

      await sleep(4_000);
      // Someone joins mid-recording: their camera must enter the picture.
      const lateJoinAt = Date.now();
      publishers.push(
        await startPublisher({
          livekit: inject("livekit"),
          roomName: session.id,
          identity: "carol",
          video: { width: 640, height: 360, fps: 15, hue: 100 },
        }),
      );
      // LiveKit has acknowledged her camera: from here on the (hidden) recorder may receive it.
      const publishedAt = Date.now();
      await sleep(6_000);
      await recorder.stop({ recordingId: rec.id, externalId: rec.externalId });
      const recordedMs = Date.now() - rec.recordingSince;
      const row = await waitFor(rec.id, (r) => r.status === "READY" || r.status === "FAILED");
      expect(row.failureReason).toBeNull();
      expect(row).toMatchObject({
        status: "READY",
        storageKey: `recordings/${rec.id}.mp4`,
        mimeType: "video/mp4",
      });

      const file = path.join(dataDir, row.storageKey!);
      const media1 = await discover(file);
      expect(media1).toMatchObject({ video: true, audio: true });
      expect(Math.abs(media1.durationMs - recordedMs)).toBeLessThan(recordedMs * 0.1);
      expect(Math.abs(row.durationMs! - media1.durationMs)).toBeLessThan(100);
      expect(row.sizeBytes).toBeGreaterThan(100_000);
      expect(existsSync(`${file}.part`)).toBe(false);

      // Speech was mixed in: festival's voice at this level is an RMS in the thousands; silence is ~0.
      expect(await audioRms(file)).toBeGreaterThan(500);
      // The middle of the recording shows both coloured pictures, not a black canvas (luma 16).
      const frames = await grayFrames(file);
      expect(frames.length).toBeGreaterThan(100);
      const middle = frames[Math.floor(frames.length / 2)]!;
      expect(meanLuma(middle)).toBeGreaterThan(40);
      // Two 16:9 cameras side by side leave black bands above and below; with the late joiner the
      // 2×2 grid fills the top row. Frames are placed on the file's own clock (time zero is the
      // recorder's "started" report, the row's startedAt) at the moments the test saw happen, not at
      // fixed indices: a slow recorder start or a slow join shifts every frame (a fresh CI
      // machine once showed frame 15 already past the join). The recorder is hidden, so LiveKit does
      // not tell the publisher when it subscribes: carol must show in some frame after her publish.
      const topBand = (f: Buffer) => meanLuma(f.subarray(2 * PROBE_W, 18 * PROBE_W));
      const frameAt = (wallMs: number) =>
        Math.floor(((wallMs - rec.startedAt.getTime()) * frames.length) / media1.durationMs);
      const beforeJoin = frames.slice(0, frameAt(lateJoinAt));
      const afterPublish = frames.slice(frameAt(publishedAt));
      expect(beforeJoin.length).toBeGreaterThan(0);
      expect(afterPublish.length).toBeGreaterThan(0);
      expect(Math.min(...beforeJoin.map(topBand))).toBeLessThan(25);
      expect(Math.max(...afterPublish.map(topBand))).toBeGreaterThan(40);
    },
  );

  it(
    "a database that fails the final report a few times does not lose the finished file",
    {
      timeout: 60_000,
    },
    async () => {
      const lk = inject("livekit");
      const events: RecorderEvent[] = [];
      let readyAttempts = 0;
      let startedAt = 0;
      const code = await runRecorder(
        { recordingId: randomUUID(), roomName: session.id, runId: "in-process" },
        {
          env: loadRecorderEnv({
            DATABASE_URL: inject("databaseUrl"),
            DATA_DIR: dataDir,
            LIVEKIT_URL: lk.url,
            LIVEKIT_API_KEY: lk.apiKey,
            LIVEKIT_API_SECRET: lk.apiSecret,
          }),
          log: createLogger("recorder", "silent"),
          shutdown: new AbortController().signal,
          report: async (e) => {
            if (e.type === "started") startedAt = Date.now();
            if (e.type === "ready" && ++readyAttempts <= 2)
              throw new Error("connection terminated (simulated)");
            events.push(e);
          },
          control: async () => ({
            status: "RECORDING",
            stopRequested: startedAt > 0 && Date.now() - startedAt > 2_000,
            sessionEnded: false,
          }),
        },
      );
      expect(code).toBe(0);
      expect(readyAttempts).toBe(3);
      const ready = events.find((e) => e.type === "ready");
      expect(ready).toMatchObject({ type: "ready", mimeType: "video/mp4" });
      expect(existsSync(path.join(dataDir, (ready as { storageKey: string }).storageKey))).toBe(true);
    },
  );

  it("without GStreamer the recording fails with a reason that says so", { timeout: 60_000 }, async () => {
    const noGst = localRecorder({
      db: getDb(),
      databaseUrl: inject("databaseUrl"),
      dataDir,
      livekit: inject("livekit"),
      env: { PATH: "/nonexistent" },
      maxConcurrent: 2,
    });
    const row = await insertStartingRecording(getDb(), {
      videoSessionId: session.id,
      startedByUserId: ctx.host.id,
      recorder: "LOCAL",
      at: new Date(),
    });
    const { externalId } = await noGst.start({ recordingId: row!.id, roomName: session.id });
    await setExternalId(getDb(), row!.id, externalId);
    const failed = await waitFor(row!.id, (r) => r.status === "FAILED" || r.status === "READY");
    expect(failed.failureReason).toMatch(/GStreamer is not installed/);
  });

  it(
    "a killed recorder leaves a FAILED row with the reason; the call goes on and a new recording works",
    {
      timeout: 90_000,
    },
    async () => {
      const killed = await startRecording();
      await sleep(2_000);
      const run = recorder.running(killed.id);
      expect(run?.child.pid).toBeGreaterThan(0);
      process.kill(run!.child.pid!, "SIGKILL");

      const failed = await waitFor(killed.id, (r) => r.status !== "RECORDING", 10_000);
      expect(failed.status).toBe("FAILED");
      expect(failed.failureReason).toMatch(/stopped unexpectedly.*SIGKILL/);
      // The adapter deletes the partial file before it marks the row FAILED: no wait needed.
      expect(existsSync(path.join(dataDir, "recordings", `${killed.id}.mp4.part`))).toBe(false);

      const media = mediaServerFromEnv(loadWebEnv())!;
      expect(await media.participantIdentities(session.id)).toEqual(expect.arrayContaining(["alice", "bob"]));

      // The host records again in the same call; ending the call stops it, and the file is kept.
      const again = await startRecording();
      await sleep(3_000);
      expect(
        (await call(endSessionEndpoint, { user: ctx.host, params: { slug: session.slug } })).status,
      ).toBe(200);
      const ready = await waitFor(again.id, (r) => r.status === "READY" || r.status === "FAILED");
      expect(ready.failureReason).toBeNull();
      expect(ready.status).toBe("READY");
      expect((await discover(path.join(dataDir, ready.storageKey!))).durationMs).toBeGreaterThan(2_500);
    },
  );
});
