import type { Executor } from "@/lib/db/client";
import type { Viewer } from "@/modules/core/sessions/application/access";
import {
  EXPORT_TYPES,
  formatTranscript,
  sessionTimeline,
  type ExportFormat,
} from "../domain/transcript-export";
import { listAllSegments } from "../infra/transcript-page-repository";
import { resolveTranscriptAccess } from "./transcript-access";

export type TranscriptFile = { filename: string; contentType: string; body: string };

/** The whole transcript as a download, for whoever may read the transcript page. */
export async function exportTranscript(
  db: Executor,
  input: { slug: string; viewer: Viewer; format: ExportFormat },
): Promise<TranscriptFile> {
  const { session } = await resolveTranscriptAccess(db, input);
  const segments = sessionTimeline(
    session.startedAt ?? session.createdAt,
    await listAllSegments(db, session.id),
  );
  return {
    // The slug is [a-z-] only, so the name needs no quoting rules beyond the quotes.
    filename: `transcript-${session.slug}.${input.format}`,
    contentType: EXPORT_TYPES[input.format],
    body: formatTranscript(input.format, segments, session),
  };
}
