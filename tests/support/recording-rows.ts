import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { recordings } from "@/lib/db/schema/recordings";
import { applyRecorderEvent } from "@/modules/core/recording/application/apply-recorder-event";
import { insertStartingRecording } from "@/modules/core/recording/infra/recording-repository";

/** Recordings put in place for the recording API tests, without a recorder running. */

/**
 * A finished local recording of the session whose file is `bytes` under DATA_DIR, brought there
 * the way the app does (a starting row, then the recorder's `ready` event); its id.
 */
export async function readyRecording(
  db: Db,
  session: { id: string; startedByUserId: string },
  bytes: Buffer,
): Promise<string> {
  const row = (await insertStartingRecording(db, {
    videoSessionId: session.id,
    startedByUserId: session.startedByUserId,
    recorder: "LOCAL",
    at: new Date(),
  }))!;
  const storageKey = `recordings/${row.id}.mp4`;
  const target = path.resolve(process.env.DATA_DIR!, storageKey);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, bytes);
  await applyRecorderEvent(db, {
    type: "ready",
    externalId: `local-${row.id}`,
    recordingId: row.id,
    at: new Date(),
    durationMs: 1000,
    sizeBytes: bytes.length,
    storageKey,
    mimeType: "video/mp4",
  });
  return row.id;
}

/** A recording as its recorder last left it: its status and its last heartbeat; its id. */
export async function recordingAsLeft(
  db: Db,
  sessionId: string,
  r: { recorder: "LOCAL" | "EGRESS"; status: "STARTING" | "RECORDING"; heartbeat: Date },
): Promise<string> {
  const [row] = await db
    .insert(recordings)
    .values({
      videoSessionId: sessionId,
      recorder: r.recorder,
      status: r.status,
      startedAt: r.heartbeat,
      heartbeatAt: r.heartbeat,
    })
    .returning();
  return row!.id;
}
