import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "@/server/db";
import { recordings } from "@/lib/db/schema/recordings";
import { createSpaceEndpoint } from "@/modules/core/spaces/api/space-endpoints";
import { startRecordingEndpoint } from "@/modules/core/recording/api/recording-endpoints";
import {
  RecorderAtCapacityError,
  type RecorderPort,
} from "@/modules/core/recording/application/recorder-port";
import { startRecording } from "@/modules/core/recording/application/start-recording";
import type { RecordingLimits } from "@/modules/core/recording/domain/recording-limits";
import { localRecorder } from "@/modules/core/recording/infra/local-recorder";
import { AppError } from "@/modules/core/shared/domain/errors";
import { call, errorBody, errorCode, type TestUser } from "../support/api";
import { recordWithEgressStandIn } from "../support/egress-standin";
import { liveSession, setupSpace } from "../support/sessions";
import { createLogger } from "@/lib/logger";
import { recordingsApi } from "@/modules/core/recording/api/contract";
import { spacesApi } from "@/modules/core/spaces/api/contract";
import { expectReply } from "../support/contract";

/** A recorder that only counts what it was asked: the caps are the use-case's rules. */
function countingRecorder(): RecorderPort & { started: string[] } {
  const started: string[] = [];
  return {
    kind: "EGRESS",
    started,
    start: async ({ recordingId }) => {
      started.push(recordingId);
      return { externalId: `fake-${recordingId}` };
    },
    stop: async () => {},
  };
}

const rowsOf = (sessionId: string) =>
  getDb().select().from(recordings).where(eq(recordings.videoSessionId, sessionId));

/** The refusal as the HTTP layer would see it: status class, code and which cap. */
async function refusal(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  const e = err as AppError;
  return { kind: e.kind, code: e.code, details: e.details };
}

describe("recording caps (issue 14 defect 6)", () => {
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  const start = (
    user: TestUser,
    slug: string,
    recorder: RecorderPort,
    limits: RecordingLimits = { perSpace: 1, perUser: 2 },
  ) =>
    startRecording(
      getDb(),
      { recorder, limits, log: createLogger("test", "silent") },
      { slug, viewer: { user, guestId: null } },
    );

  let standIn: Awaited<ReturnType<typeof recordWithEgressStandIn>>;
  beforeAll(async () => {
    // Before anything reads the web env (it is read once): the HTTP case records through the
    // Egress stand-in, never a real local recorder.
    standIn = await recordWithEgressStandIn({ RECORDER_MAX_PER_SPACE: "1" });
    ctx = await setupSpace();
  });
  afterAll(async () => {
    await standIn?.close();
  });

  it("one running recording per space: a second call in the space is refused before any recorder is asked", async () => {
    const recorder = countingRecorder();
    const a = await liveSession(ctx.host, ctx.spaceId);
    const b = await liveSession(ctx.host, ctx.spaceId);
    await start(ctx.host, a.slug, recorder);
    expect(await refusal(start(ctx.host, b.slug, recorder))).toEqual({
      kind: "unavailable",
      code: "recorder_busy",
      details: { scope: "space" },
    });
    expect(recorder.started).toHaveLength(1);
    expect(await rowsOf(b.id)).toEqual([]);
    // The same session's second start is still the 409 it always was.
    expect((await refusal(start(ctx.host, a.slug, recorder))).code).toBe("recording_already_running");
  });

  it("concurrent starts in one space's calls admit exactly one (the count holds under races)", async () => {
    const space = await setupSpace();
    const recorder = countingRecorder();
    const sessions = await Promise.all([1, 2, 3, 4].map(() => liveSession(space.host, space.spaceId)));
    const results = await Promise.allSettled(sessions.map((s) => start(space.host, s.slug, recorder)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected"))
      expect((r as PromiseRejectedResult).reason.code).toBe("recorder_busy");
    expect(recorder.started).toHaveLength(1);
  });

  it("N per user: the same user cannot record calls in more spaces at once than the cap", async () => {
    const recorder = countingRecorder();
    const spaces: string[] = [];
    for (const name of ["One", "Two", "Three"]) {
      const res = await call(createSpaceEndpoint, { user: ctx.outsider, json: { name } });
      spaces.push(expectReply(res, spacesApi.create).space.id as string);
    }
    const calls = await Promise.all(spaces.map((id) => liveSession(ctx.outsider, id)));
    const limits = { perSpace: 1, perUser: 2 };
    await start(ctx.outsider, calls[0]!.slug, recorder, limits);
    await start(ctx.outsider, calls[1]!.slug, recorder, limits);
    expect(await refusal(start(ctx.outsider, calls[2]!.slug, recorder, limits))).toMatchObject({
      code: "recorder_busy",
      details: { scope: "user" },
    });
    expect(recorder.started).toHaveLength(2);
    // A finished recording no longer counts.
    await getDb()
      .update(recordings)
      .set({ status: "READY" })
      .where(eq(recordings.videoSessionId, calls[0]!.id));
    await start(ctx.outsider, calls[2]!.slug, recorder, limits);
    expect(recorder.started).toHaveLength(3);
  });

  it("the local recorder runs at most RECORDER_MAX_CONCURRENT processes; past it the start is refused and leaves no row", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "rooms-recorder-cap-"));
    const local = localRecorder({
      db: getDb(),
      databaseUrl: inject("databaseUrl"),
      dataDir,
      livekit: inject("livekit"),
      maxConcurrent: 1,
      // Stands in for recorder/main.ts: a process that lives until it is signalled.
      command: { file: process.execPath, args: ["-e", "setInterval(() => {}, 1000)", "--"] },
    });
    const spaces = await Promise.all([setupSpace(), setupSpace()]);
    const [a, b] = await Promise.all(spaces.map((s) => liveSession(s.host, s.spaceId)));
    const limits = { perSpace: 5, perUser: 5 };
    const first = await start(spaces[0]!.host, a!.slug, local, limits);
    expect(local.running(first.id)).toBeDefined();
    await expect(local.start({ recordingId: "x", roomName: "y" })).rejects.toBeInstanceOf(
      RecorderAtCapacityError,
    );
    expect(await refusal(start(spaces[1]!.host, b!.slug, local, limits))).toMatchObject({
      code: "recorder_busy",
      details: { scope: "server" },
    });
    expect(await rowsOf(b!.id)).toEqual([]);
    // Once that process is gone there is room again.
    const child = local.running(first.id)!.child;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGKILL");
    await exited;
    const second = await start(spaces[1]!.host, b!.slug, local, limits);
    const c2 = local.running(second.id)!.child;
    const exited2 = new Promise((r) => c2.once("exit", r));
    c2.kill("SIGKILL");
    await exited2;
  });

  describe("over HTTP", () => {
    it("answers 503 recorder_busy with a message the host's toast shows", async () => {
      const space = await setupSpace();
      const [a, b] = await Promise.all([1, 2].map(() => liveSession(space.host, space.spaceId)));
      const first = await call(startRecordingEndpoint, { user: space.host, params: { slug: a!.slug } });
      expect([first.status, expectReply(first, recordingsApi.start).recording.recorder]).toEqual([
        201,
        "EGRESS",
      ]);
      const second = await call(startRecordingEndpoint, { user: space.host, params: { slug: b!.slug } });
      expect([second.status, errorCode(second)]).toEqual([503, "recorder_busy"]);
      expect(errorBody(second).message).toMatch(/already being recorded/);
    });
  });
});
