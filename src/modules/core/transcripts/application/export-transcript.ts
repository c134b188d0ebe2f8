import type { Executor } from "@/lib/db/client";
import type { Viewer } from "@/modules/core/sessions";
import {
  EXPORT_TYPES,
  formatTranscript,
  sessionTimeline,
  type ExportFormat,
} from "../domain/transcript-export";
import { exportFilename } from "../domain/export-filename";
import { chosenLanguage } from "../domain/transcript-language";
import { listAllSegments, listTranslationLanguages } from "../infra/transcript-page-repository";
import { resolveTranscriptAccess } from "./transcript-access";

/** `filename` may be any Unicode; `fallback` is its ASCII stand-in (see `exportFilename`). */
export type TranscriptFile = { filename: string; fallback: string; contentType: string; body: string };

/**
 * The whole transcript as a download, for whoever may read the transcript page; with `language`,
 * each line in its stored translation (the original where there is none), as the page shows it.
 */
export async function exportTranscript(
  db: Executor,
  input: { slug: string; viewer: Viewer; format: ExportFormat; language?: string },
): Promise<TranscriptFile> {
  const { session, guest } = await resolveTranscriptAccess(db, input);
  const scope = { sessionId: session.id, window: guest?.window ?? null };
  const lang = chosenLanguage(input.language, await listTranslationLanguages(db, session.id));
  const origin = session.startedAt ?? session.createdAt;
  const segments = sessionTimeline(origin, await listAllSegments(db, scope, { lang }));
  return {
    ...exportFilename({ ...session, startedAt: origin, language: lang, format: input.format }),
    contentType: EXPORT_TYPES[input.format],
    body: formatTranscript(input.format, segments, session),
  };
}
