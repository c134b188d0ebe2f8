import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { participants } from "@/lib/db/schema/sessions";
import {
  transcriptSegments,
  transcriptionClientMetrics,
  transcriptionUsage,
} from "@/lib/db/schema/transcription";

/** What a call's captions left in PostgreSQL, read straight from it by the caption e2e tests. */
export function captionRecords(db: Db) {
  return {
    /** The session's stored transcript segments. */
    segments: (sessionId: string) =>
      db.select().from(transcriptSegments).where(eq(transcriptSegments.videoSessionId, sessionId)),
    /** The participant row of the person called `name` in the session. */
    async participant(sessionId: string, name: string) {
      const [row] = await db
        .select()
        .from(participants)
        .where(and(eq(participants.videoSessionId, sessionId), eq(participants.displayName, name)));
      return row!;
    },
    /** Seconds of audio metered for the participant (every usage row, summed). */
    async meteredSeconds(participantId: string) {
      const rows = await db
        .select()
        .from(transcriptionUsage)
        .where(eq(transcriptionUsage.participantId, participantId));
      return rows.reduce((sum, u) => sum + Number(u.audioSeconds), 0);
    },
    /** The browser's own accounts of the participant's caption streams. */
    clientMetrics: (participantId: string) =>
      db
        .select()
        .from(transcriptionClientMetrics)
        .where(eq(transcriptionClientMetrics.participantId, participantId)),
  };
}
