import { asc, eq, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { participants } from "@/lib/db/schema/sessions";
import { transcriptSegments } from "@/lib/db/schema/transcription";
import type { SegmentScope } from "./transcript-page-repository";
import { withinWindow } from "./transcript-page-repository";

export type TranscriptEntry = {
  utteranceId: string;
  text: string;
  startMs: number | null;
  endMs: number | null;
  language: string | null;
  /** LiveKit identity of the speaker, so the client can merge these with live captions. */
  speakerIdentity: string | null;
  speakerName: string | null;
  createdAt: Date;
};

/**
 * A session's stored finals in speaking order. Segments carry offsets within their own stream, so
 * the order is by the time they were stored (within a few hundred ms of being spoken), then id.
 */
export async function listSessionTranscript(
  db: Executor,
  { sessionId, window }: SegmentScope,
  limit: number,
): Promise<TranscriptEntry[]> {
  return db
    .select({
      utteranceId: transcriptSegments.utteranceId,
      text: transcriptSegments.text,
      startMs: transcriptSegments.startMs,
      endMs: transcriptSegments.endMs,
      language: transcriptSegments.language,
      speakerIdentity: participants.identity,
      speakerName: participants.displayName,
      createdAt: transcriptSegments.createdAt,
    })
    .from(transcriptSegments)
    .leftJoin(participants, eq(participants.id, transcriptSegments.participantId))
    .where(
      sql`${transcriptSegments.videoSessionId} = ${sessionId} and ${transcriptSegments.isFinal}
        and ${withinWindow(window)}`,
    )
    .orderBy(asc(transcriptSegments.createdAt), asc(transcriptSegments.id))
    .limit(limit);
}
