import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { users } from "@/lib/db/schema/identity";
import { recordings } from "@/lib/db/schema/recordings";
import type { RecorderKind } from "../application/recorder-port";
import type { RecordingStatus } from "../domain/recording";

export type Recording = typeof recordings.$inferSelect;

/** Postgres' unique violation: the partial index allows one STARTING/RECORDING row per session. */
const UNIQUE_VIOLATION = "23505";
const isUniqueViolation = (e: unknown): boolean => {
  for (let c: unknown = e; c && typeof c === "object"; c = (c as { cause?: unknown }).cause) {
    if ((c as { code?: unknown }).code === UNIQUE_VIOLATION) return true;
  }
  return false;
};

/** The new STARTING row, or null when the session already has an active one (concurrent starts). */
type StartingInput = {
  videoSessionId: string;
  startedByUserId: string | null;
  recorder: RecorderKind;
  at: Date;
};

/** The row a recording starts as: STARTING, every clock at the moment it was asked for. */
export function startingRow(input: StartingInput) {
  return {
    videoSessionId: input.videoSessionId,
    startedByUserId: input.startedByUserId,
    recorder: input.recorder,
    status: "STARTING" as const,
    startedAt: input.at,
    heartbeatAt: input.at,
    createdAt: input.at,
    updatedAt: input.at,
  };
}

export async function insertStartingRecording(db: Executor, input: StartingInput): Promise<Recording | null> {
  try {
    const [row] = await db.insert(recordings).values(startingRow(input)).returning();
    return row!;
  } catch (e) {
    if (isUniqueViolation(e)) return null;
    throw e;
  }
}

/** Stores the recorder's id once; an event that already set it (it raced the start call) wins. */
export async function setExternalId(db: Executor, id: string, externalId: string): Promise<void> {
  await db
    .update(recordings)
    .set({ externalId, updatedAt: new Date() })
    .where(and(eq(recordings.id, id), isNull(recordings.externalId)));
}

export async function findRecording(db: Executor, id: string): Promise<Recording | null> {
  const [row] = await db.select().from(recordings).where(eq(recordings.id, id));
  return row ?? null;
}

export async function findRecordingInSession(
  db: Executor,
  videoSessionId: string,
  id: string,
): Promise<Recording | null> {
  const [row] = await db
    .select()
    .from(recordings)
    .where(and(eq(recordings.id, id), eq(recordings.videoSessionId, videoSessionId)));
  return row ?? null;
}

/** The session's recordings, newest first, with the name of whoever started each. */
export async function listRecordings(
  db: Executor,
  videoSessionId: string,
): Promise<(Recording & { startedByName: string | null })[]> {
  const rows = await db
    .select({ recording: recordings, startedByName: users.name })
    .from(recordings)
    .leftJoin(users, eq(users.id, recordings.startedByUserId))
    .where(eq(recordings.videoSessionId, videoSessionId))
    .orderBy(desc(recordings.startedAt));
  return rows.map((r) => ({ ...r.recording, startedByName: r.startedByName }));
}

/** The session's STARTING/RECORDING/PROCESSING rows (what ending the session asks to stop). */
export async function listActiveRecordings(db: Executor, videoSessionId: string): Promise<Recording[]> {
  return db
    .select()
    .from(recordings)
    .where(
      and(
        eq(recordings.videoSessionId, videoSessionId),
        inArray(recordings.status, ["STARTING", "RECORDING", "PROCESSING"]),
      ),
    );
}

/** The row an event is about: by the recorder's id, or by ours when the event raced the start call. */
function eventTarget(ref: { externalId: string; recordingId?: string }) {
  const byExternal = eq(recordings.externalId, ref.externalId);
  return ref.recordingId
    ? or(byExternal, and(eq(recordings.id, ref.recordingId), isNull(recordings.externalId)))!
    : byExternal;
}

/**
 * Moves the row only if it is in one of `from` (the caller derives them from the domain's
 * transitions), in one statement, so two events racing cannot both apply. Null: nothing moved.
 */
export async function transitionRecording(
  db: Executor,
  ref: { externalId: string; recordingId?: string },
  from: readonly RecordingStatus[],
  set: Partial<
    Pick<
      Recording,
      | "status"
      | "failureReason"
      | "heartbeatAt"
      | "startedAt"
      | "endedAt"
      | "durationMs"
      | "sizeBytes"
      | "storageKey"
      | "mimeType"
    >
  >,
  at: Date,
): Promise<Recording | null> {
  if (from.length === 0) return null;
  const [row] = await db
    .update(recordings)
    .set({
      ...set,
      externalId: sql`coalesce(${recordings.externalId}, ${ref.externalId})`,
      ...(set.endedAt ? { endedAt: sql`coalesce(${recordings.endedAt}, ${set.endedAt})` } : {}),
      updatedAt: at,
    })
    .where(and(eventTarget(ref), inArray(recordings.status, [...from])))
    .returning();
  return row ?? null;
}

/** A heartbeat never moves time backwards (reports can arrive out of order). */
export async function touchHeartbeat(
  db: Executor,
  ref: { externalId: string; recordingId?: string },
  at: Date,
): Promise<Recording | null> {
  const [row] = await db
    .update(recordings)
    .set({
      heartbeatAt: sql`greatest(${recordings.heartbeatAt}, ${at})`,
      externalId: sql`coalesce(${recordings.externalId}, ${ref.externalId})`,
      updatedAt: new Date(),
    })
    .where(and(eventTarget(ref), inArray(recordings.status, ["STARTING", "RECORDING", "PROCESSING"])))
    .returning();
  return row ?? null;
}

/** Marks the stop request once; returns the row whatever its status (null: not in this session). */
export async function markStopRequested(db: Executor, id: string, at: Date): Promise<Recording | null> {
  const [row] = await db
    .update(recordings)
    .set({ stopRequestedAt: sql`coalesce(${recordings.stopRequestedAt}, ${at})`, updatedAt: at })
    .where(eq(recordings.id, id))
    .returning();
  return row ?? null;
}

/** FAILED with a reason, unless it already reached READY/FAILED. */
export async function failRecording(
  db: Executor,
  id: string,
  reason: string,
  at: Date,
): Promise<Recording | null> {
  const [row] = await db
    .update(recordings)
    .set({
      status: "FAILED",
      failureReason: reason,
      endedAt: sql`coalesce(${recordings.endedAt}, ${at})`,
      updatedAt: at,
    })
    .where(and(eq(recordings.id, id), inArray(recordings.status, ["STARTING", "RECORDING", "PROCESSING"])))
    .returning();
  return row ?? null;
}

/** Deletes the row unless the recorder still owns it; null when it is not (or no longer) deletable. */
export async function deleteFinishedRecording(db: Executor, id: string): Promise<Recording | null> {
  const [row] = await db
    .delete(recordings)
    .where(and(eq(recordings.id, id), inArray(recordings.status, ["READY", "FAILED"])))
    .returning();
  return row ?? null;
}

/**
 * Rows whose recorder went quiet. The local recorder heartbeats once started, so its rows go stale
 * after `staleBefore` (`localStartBefore` while it is still starting). Egress sends no heartbeats,
 * only state changes (and the sweep's check with Egress refreshes the heartbeat): its rows are
 * stale when nothing was heard while starting (`egressStartBefore`) or the file never arrived
 * after a stop (`egressFinishBefore`).
 */
export async function findStaleRecordings(
  db: Executor,
  cut: { staleBefore: Date; localStartBefore: Date; egressStartBefore: Date; egressFinishBefore: Date },
): Promise<Recording[]> {
  const lastSign = sql`coalesce(${recordings.heartbeatAt}, ${recordings.startedAt})`;
  return db
    .select()
    .from(recordings)
    .where(
      or(
        and(
          eq(recordings.recorder, "LOCAL"),
          inArray(recordings.status, ["RECORDING", "PROCESSING"]),
          lt(lastSign, cut.staleBefore),
        ),
        // Before "started" the recorder is still booting and joining: no heartbeats yet.
        and(
          eq(recordings.recorder, "LOCAL"),
          eq(recordings.status, "STARTING"),
          lt(lastSign, cut.localStartBefore),
        ),
        and(
          eq(recordings.recorder, "EGRESS"),
          eq(recordings.status, "STARTING"),
          lt(lastSign, cut.egressStartBefore),
        ),
        and(
          eq(recordings.recorder, "EGRESS"),
          inArray(recordings.status, ["RECORDING", "PROCESSING"]),
          lt(recordings.stopRequestedAt, cut.egressFinishBefore),
        ),
      ),
    );
}

/**
 * Active rows of `recorder` that have heard nothing from it since `quietBefore` and can be asked
 * about (the recorder's id is known), longest silent first.
 */
export async function findQuietRecordings(
  db: Executor,
  input: { recorder: RecorderKind; quietBefore: Date; limit: number },
): Promise<(Recording & { externalId: string })[]> {
  const lastSign = sql`coalesce(${recordings.heartbeatAt}, ${recordings.startedAt})`;
  const rows = await db
    .select()
    .from(recordings)
    .where(
      and(
        eq(recordings.recorder, input.recorder),
        inArray(recordings.status, ["STARTING", "RECORDING", "PROCESSING"]),
        isNotNull(recordings.externalId),
        lt(lastSign, input.quietBefore),
      ),
    )
    .orderBy(asc(lastSign))
    .limit(input.limit);
  return rows.filter((r): r is Recording & { externalId: string } => r.externalId !== null);
}
