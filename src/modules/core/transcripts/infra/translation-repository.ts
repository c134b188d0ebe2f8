import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { transcriptSegmentTranslations } from "@/lib/db/schema/transcription";

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

/** utterance id → language → text, for the given finals of a session. */
export type TranslationsByUtterance = Record<string, Record<string, string>>;

export async function listSegmentTranslations(
  db: Executor,
  sessionId: string,
  utteranceIds: string[],
): Promise<TranslationsByUtterance> {
  if (!utteranceIds.length) return {};
  const t = transcriptSegmentTranslations;
  const rows = await db
    .select({ utteranceId: t.utteranceId, language: t.language, text: t.text })
    .from(t)
    // One array parameter, however many finals (a late joiner loads up to thousands).
    .where(
      and(eq(t.videoSessionId, sessionId), sql`${t.utteranceId} = any(${sql.param(utteranceIds)}::text[])`),
    );
  const out: TranslationsByUtterance = {};
  for (const r of rows) (out[r.utteranceId] ??= {})[r.language] = r.text;
  return out;
}
