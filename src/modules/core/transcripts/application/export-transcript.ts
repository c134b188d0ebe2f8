import type { Executor } from "@/lib/db/client";
import type { Viewer } from "@/modules/core/sessions";
import {
  EXPORT_TYPES,
  formatTranscript,
  sessionTimeline,
  type ExportFormat,
} from "../domain/transcript-export";
import { chosenLanguage } from "../domain/transcript-language";
import { listAllSegments, listTranslationLanguages } from "../infra/transcript-page-repository";
import { resolveTranscriptAccess } from "./transcript-access";

export type TranscriptFile = { filename: string; contentType: string; body: string };

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
  const segments = sessionTimeline(
    session.startedAt ?? session.createdAt,
    await listAllSegments(db, scope, { lang }),
  );
  return {
    // The slug is [a-z-] and the language [a-z0-9-] only: no quoting rules beyond the quotes.
    // `name.ru.vtt` is how players pick a subtitle file's language.
    filename: `transcript-${session.slug}${lang ? `.${lang}` : ""}.${input.format}`,
    contentType: EXPORT_TYPES[input.format],
    body: formatTranscript(input.format, segments, session),
  };
}
