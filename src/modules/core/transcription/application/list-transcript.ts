import type { Executor } from "@/lib/db/client";
import type { Viewer } from "@/modules/core/sessions/application/access";
import { listSessionTranscript, type TranscriptEntry } from "../infra/transcript-repository";
import { resolveTranscriptAccess } from "./transcript-access";

/** Enough for a long meeting; a late joiner needs the recent past, not an archive. */
export const TRANSCRIPT_LIMIT = 5000;

/**
 * The finals said so far, for the call's transcript panel (a late joiner catches up). Readable by
 * whoever may read the transcript page (`resolveTranscriptAccess`); everyone else gets its 404.
 */
export async function listTranscript(
  db: Executor,
  input: { slug: string; viewer: Viewer },
): Promise<TranscriptEntry[]> {
  const { session } = await resolveTranscriptAccess(db, input);
  return listSessionTranscript(db, session.id, TRANSCRIPT_LIMIT);
}
