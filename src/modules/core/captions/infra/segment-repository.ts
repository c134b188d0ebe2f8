import { sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { transcriptSegmentTranslations, transcriptSegments } from "@/lib/db/schema/transcription";

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
 * whose first attempt did commit) is left as it is, so storing is idempotent. Rows travel as one
 * array per column through `unnest`: nine parameters for any batch size, where the query builder's
 * `values(rows)` took ~20 ms of event-loop time per 500 rows to build.
 */
export async function insertFinalSegments(db: Executor, rows: NewSegment[]): Promise<void> {
  if (!rows.length) return;
  const col = <K extends keyof NewSegment>(k: K) => sql.param(rows.map((r) => r[k]));
  await db.execute(
    sql`insert into ${transcriptSegments} (video_session_id, participant_id, utterance_id, text, language, start_ms, end_ms, confidence, is_final, provider)
      select v, p, u, t, l, s, e, c, true, pr
      from unnest(${col("videoSessionId")}::uuid[], ${col("participantId")}::uuid[], ${col("utteranceId")}::text[],
        ${col("text")}::text[], ${col("language")}::text[], ${col("startMs")}::int[], ${col("endMs")}::int[],
        ${col("confidence")}::real[], ${col("provider")}::text[]) as x(v, p, u, t, l, s, e, c, pr)
      on conflict (video_session_id, utterance_id) do nothing`,
  );
}

export async function countSegments(db: Executor, sessionId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(transcriptSegments)
    .where(sql`${transcriptSegments.videoSessionId} = ${sessionId}`);
  return row?.n ?? 0;
}

export type NewTranslation = {
  videoSessionId: string;
  utteranceId: string;
  language: string;
  text: string;
  provider: string;
};

/**
 * ONE multi-row upsert on (session, utterance, language), through `unnest` like the segments: a
 * retried batch or a repeated translation leaves one row, holding the latest text.
 */
export async function insertSegmentTranslations(db: Executor, rows: NewTranslation[]): Promise<void> {
  if (!rows.length) return;
  const col = <K extends keyof NewTranslation>(k: K) => sql.param(rows.map((r) => r[k]));
  await db.execute(
    sql`insert into ${transcriptSegmentTranslations} (video_session_id, utterance_id, language, text, provider)
      select v, u, l, t, p
      from unnest(${col("videoSessionId")}::uuid[], ${col("utteranceId")}::text[], ${col("language")}::text[],
        ${col("text")}::text[], ${col("provider")}::text[]) as x(v, u, l, t, p)
      on conflict (video_session_id, utterance_id, language) do update set text = excluded.text`,
  );
}
