import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { applyRecorderEvent } from "@/modules/core/recording/application/apply-recorder-event";
import {
  findRecording,
  insertStartingRecording,
  setExternalId,
} from "@/modules/core/recording/infra/recording-repository";
import { newSession, setupSpace } from "../support/sessions";

const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, s));

describe("applyRecorderEvent: the recording's state from what its recorder reports", () => {
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  beforeAll(async () => {
    ctx = await setupSpace();
  });

  async function starting(externalId: string | null) {
    const session = await newSession(ctx.host, ctx.spaceId);
    const row = await insertStartingRecording(getDb(), {
      videoSessionId: session.id,
      startedByUserId: ctx.host.id,
      recorder: "LOCAL",
      at: t(0),
    });
    if (externalId) await setExternalId(getDb(), row!.id, externalId);
    return row!;
  }

  it("moves STARTING → RECORDING → PROCESSING → READY and stores the file's facts", async () => {
    const row = await starting("run-a");
    const db = getDb();
    expect((await applyRecorderEvent(db, { type: "started", externalId: "run-a", at: t(1) })).applied).toBe(
      true,
    );
    expect((await applyRecorderEvent(db, { type: "heartbeat", externalId: "run-a", at: t(5) })).applied).toBe(
      true,
    );
    // startedAt becomes the file's time zero (the recorder joined 1 s after Record was pressed):
    // the player maps transcript times onto the file from it.
    expect((await findRecording(db, row.id))!).toMatchObject({
      status: "RECORDING",
      heartbeatAt: t(5),
      startedAt: t(1),
    });
    await applyRecorderEvent(db, { type: "processing", externalId: "run-a", at: t(31) });
    const ready = await applyRecorderEvent(db, {
      type: "ready",
      externalId: "run-a",
      at: t(33),
      durationMs: 30_012.4,
      sizeBytes: 123_456,
      storageKey: "recordings/a.mp4",
      mimeType: "video/mp4",
    });
    expect(ready.applied).toBe(true);
    expect(ready.recording).toMatchObject({
      status: "READY",
      durationMs: 30_012,
      sizeBytes: 123_456,
      storageKey: "recordings/a.mp4",
      mimeType: "video/mp4",
      // When capture stopped (the processing report), not when the file was finished.
      endedAt: t(31),
    });
  });

  it("ignores late, duplicate and out-of-order reports; READY and FAILED never move", async () => {
    const db = getDb();
    const row = await starting("run-b");
    await applyRecorderEvent(db, { type: "processing", externalId: "run-b", at: t(3) });
    // A "started" that arrives after "processing" must not move it back.
    expect((await applyRecorderEvent(db, { type: "started", externalId: "run-b", at: t(1) })).applied).toBe(
      false,
    );
    expect((await findRecording(db, row.id))!.status).toBe("PROCESSING");
    await applyRecorderEvent(db, { type: "failed", externalId: "run-b", at: t(4), reason: "disk full" });
    for (const late of [
      {
        type: "ready",
        externalId: "run-b",
        at: t(5),
        durationMs: 1,
        sizeBytes: 1,
        storageKey: "x",
        mimeType: "video/mp4",
      },
      { type: "failed", externalId: "run-b", at: t(6), reason: "second report" },
      { type: "heartbeat", externalId: "run-b", at: t(7) },
    ] as const) {
      expect((await applyRecorderEvent(db, late)).applied).toBe(false);
    }
    expect(await findRecording(db, row.id)).toMatchObject({
      status: "FAILED",
      failureReason: "disk full",
      storageKey: null,
      heartbeatAt: t(3),
    });
  });

  it("a heartbeat arriving late does not move the last sign of life backwards", async () => {
    const db = getDb();
    const row = await starting("run-c");
    await applyRecorderEvent(db, { type: "heartbeat", externalId: "run-c", at: t(9) });
    await applyRecorderEvent(db, { type: "heartbeat", externalId: "run-c", at: t(4) });
    expect((await findRecording(db, row.id))!.heartbeatAt).toEqual(t(9));
  });

  it("matches an event that raced the start call by our row id, and the start then keeps its id", async () => {
    const db = getDb();
    const row = await starting(null);
    const early = await applyRecorderEvent(db, {
      type: "started",
      externalId: "run-d",
      recordingId: row.id,
      at: t(1),
    });
    expect(early.recording).toMatchObject({ status: "RECORDING", externalId: "run-d" });
    await setExternalId(db, row.id, "something-else");
    expect((await findRecording(db, row.id))!.externalId).toBe("run-d");
  });

  it("an unknown recorder id changes nothing", async () => {
    expect(await applyRecorderEvent(getDb(), { type: "started", externalId: "nobody", at: t(1) })).toEqual({
      applied: false,
      recording: null,
    });
  });
});
