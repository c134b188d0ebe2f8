import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { users } from "@/lib/db/schema/identity";
import { recordings } from "@/lib/db/schema/recordings";
import { videoSessions } from "@/lib/db/schema/sessions";

export type CallRecordingRow = {
  recordingAllowed: boolean;
  active: {
    id: string;
    status: "STARTING" | "RECORDING";
    startedAt: Date;
    startedByName: string | null;
  } | null;
};

/**
 * What a call shows about recording: whether the session allows it, and the recording running now
 * (STARTING or RECORDING: the partial unique index keeps it to one). Null when there is no session.
 */
export async function findCallRecording(db: Executor, slug: string): Promise<CallRecordingRow | null> {
  const rows = await db
    .select({
      recordingAllowed: videoSessions.recordingAllowed,
      id: recordings.id,
      status: recordings.status,
      startedAt: recordings.startedAt,
      startedByName: users.name,
    })
    .from(videoSessions)
    .leftJoin(
      recordings,
      and(
        eq(recordings.videoSessionId, videoSessions.id),
        inArray(recordings.status, ["STARTING", "RECORDING"]),
      ),
    )
    .leftJoin(users, eq(users.id, recordings.startedByUserId))
    .where(eq(videoSessions.slug, slug))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  return {
    recordingAllowed: row.recordingAllowed,
    active:
      row.id && row.startedAt && (row.status === "STARTING" || row.status === "RECORDING")
        ? { id: row.id, status: row.status, startedAt: row.startedAt, startedByName: row.startedByName }
        : null,
  };
}
