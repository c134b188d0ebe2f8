import type { Executor } from "@/lib/db/client";
import type { Viewer } from "@/modules/core/sessions";
import { listSessionTranscript, type TranscriptEntry } from "../infra/transcript-repository";
import { listSegmentTranslations } from "../infra/translation-repository";
import { resolveTranscriptAccess } from "./transcript-access";

/** Enough for a long meeting; a late joiner needs the recent past, not an archive. */
export const TRANSCRIPT_LIMIT = 5000;

/** A stored final with its stored translations: language → text (empty when none). */
export type TranscriptLine = TranscriptEntry & { translations: Record<string, string> };

/**
 * The finals said so far, each with its translations, for the call's transcript panel (a late
 * joiner catches up in the language they read captions in). Readable by whoever may read the
 * transcript page (`resolveTranscriptAccess`); everyone else gets its 404.
 */
export async function listTranscript(
  db: Executor,
  input: { slug: string; viewer: Viewer },
): Promise<TranscriptLine[]> {
  const { session, guest } = await resolveTranscriptAccess(db, input);
  const scope = { sessionId: session.id, window: guest?.window ?? null };
  const segments = await listSessionTranscript(db, scope, TRANSCRIPT_LIMIT);
  const translations = await listSegmentTranslations(
    db,
    session.id,
    segments.map((s) => s.utteranceId),
  );
  return segments.map((s) => ({ ...s, translations: translations[s.utteranceId] ?? {} }));
}
