import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { transcriptSegmentTranslations } from "@/lib/db/schema/transcription";

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
