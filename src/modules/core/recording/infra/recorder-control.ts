import { eq } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { recordings } from "@/lib/db/schema/recordings";
import { videoSessions } from "@/lib/db/schema/sessions";

export type RecorderControl = {
  status: (typeof recordings.$inferSelect)["status"];
  /** The host (or the session's end) asked for the file to be finished. */
  stopRequested: boolean;
  sessionEnded: boolean;
};

/** What a running recorder polls: whether to keep going. Null when the row is gone (deleted). */
export async function readRecorderControl(
  db: Executor,
  recordingId: string,
): Promise<RecorderControl | null> {
  const [row] = await db
    .select({
      status: recordings.status,
      stopRequestedAt: recordings.stopRequestedAt,
      sessionStatus: videoSessions.status,
    })
    .from(recordings)
    .innerJoin(videoSessions, eq(videoSessions.id, recordings.videoSessionId))
    .where(eq(recordings.id, recordingId))
    .limit(1);
  if (!row) return null;
  return {
    status: row.status,
    stopRequested: row.stopRequestedAt !== null,
    sessionEnded: row.sessionStatus === "ENDED",
  };
}
