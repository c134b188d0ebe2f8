import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { recordings } from "@/lib/db/schema/recordings";
import { videoSessions } from "@/lib/db/schema/sessions";
import type { RecorderKind } from "../application/recorder-port";
import type { RecordingLimits } from "../domain/recording-limits";
import { startingRow, type Recording } from "./recording-repository";

/** What a recording holds while it counts against the caps: a recorder is (being) started or records. */
const RUNNING = ["STARTING", "RECORDING"] as const;

export type Admission =
  { admitted: true; row: Recording } | { admitted: false; reason: "already_running" | "space" | "user" };

/**
 * Counts the running recordings of the space and of the user and inserts the STARTING row only
 * under both caps. The counts come from PostgreSQL, so they hold across web instances; the
 * advisory locks (the user's, then the space's, always in that order so two starts cannot wait on
 * each other) make concurrent starts decide one at a time on what the other committed.
 */
export async function admitRecording(
  db: Executor,
  input: {
    videoSessionId: string;
    spaceId: string;
    startedByUserId: string | null;
    recorder: RecorderKind;
    at: Date;
  },
  limits: RecordingLimits,
): Promise<Admission> {
  return db.transaction(async (tx) => {
    const lock = (key: string) => tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
    if (input.startedByUserId) await lock(`recording:user:${input.startedByUserId}`);
    await lock(`recording:space:${input.spaceId}`);

    const running = inArray(recordings.status, [...RUNNING]);
    const [space] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(recordings)
      .innerJoin(videoSessions, eq(videoSessions.id, recordings.videoSessionId))
      .where(and(running, eq(videoSessions.spaceId, input.spaceId)));
    // The session's own running recording is "already running" (409), not a cap.
    const [own] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(recordings)
      .where(and(running, eq(recordings.videoSessionId, input.videoSessionId)));
    if ((own?.n ?? 0) > 0) return { admitted: false, reason: "already_running" };
    if ((space?.n ?? 0) >= limits.perSpace) return { admitted: false, reason: "space" };
    if (input.startedByUserId) {
      const [mine] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(recordings)
        .where(and(running, eq(recordings.startedByUserId, input.startedByUserId)));
      if ((mine?.n ?? 0) >= limits.perUser) return { admitted: false, reason: "user" };
    }
    const [row] = await tx
      .insert(recordings)
      .values(startingRow(input))
      // The partial unique index (one running row per session) still guards a start that did
      // not take the same locks.
      .onConflictDoNothing()
      .returning();
    return row ? { admitted: true, row } : { admitted: false, reason: "already_running" };
  });
}

/** Drops a STARTING row whose recorder refused for lack of room: nothing was recorded, nothing failed. */
export async function deleteRefusedRecording(db: Executor, id: string): Promise<void> {
  await db.delete(recordings).where(and(eq(recordings.id, id), eq(recordings.status, "STARTING")));
}
