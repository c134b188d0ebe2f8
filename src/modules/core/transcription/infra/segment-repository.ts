import { sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { transcriptSegments } from "@/lib/db/schema/transcription";

export type NewSegment = {
  videoSessionId: string;
  participantId: string;
  utteranceId: string;
  text: string;
  language: string | null;
  startMs: number | null;
  endMs: number | null;
  confidence: number | null;
  provider: string;
};

/**
 * ONE multi-row insert; a segment already stored (a re-send after a reconnect, a retried batch
 * whose first attempt did commit) is left as it is, so storing is idempotent.
 */
export async function insertFinalSegments(db: Executor, rows: NewSegment[]): Promise<void> {
  if (!rows.length) return;
  await db
    .insert(transcriptSegments)
    .values(rows.map((r) => ({ ...r, isFinal: true })))
    .onConflictDoNothing({ target: [transcriptSegments.videoSessionId, transcriptSegments.utteranceId] });
}

export async function countSegments(db: Executor, sessionId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(transcriptSegments)
    .where(sql`${transcriptSegments.videoSessionId} = ${sessionId}`);
  return row?.n ?? 0;
}
