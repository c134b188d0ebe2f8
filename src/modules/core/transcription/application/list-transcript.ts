import type { Executor } from "@/lib/db/client";
import { resolveAccess, sessionNotFound, type Viewer } from "@/modules/core/sessions/application/access";
import { findParticipant } from "@/modules/core/sessions/infra/participant-repository";
import { findSessionBySlug } from "@/modules/core/sessions/infra/session-repository";
import { ForbiddenError } from "@/modules/core/shared/domain/errors";
import { listSessionTranscript, type TranscriptEntry } from "../infra/transcript-repository";

/** Enough for a long meeting; a late joiner needs the recent past, not an archive. */
export const TRANSCRIPT_LIMIT = 5000;

/**
 * The finals said so far, for someone who has joined the session (a late joiner catches up).
 * Access is the session's own: outsiders get its 404, people who may join but have not get 403.
 */
export async function listTranscript(
  db: Executor,
  input: { slug: string; viewer: Viewer },
): Promise<TranscriptEntry[]> {
  const session = await findSessionBySlug(db, input.slug);
  if (!session) throw sessionNotFound();
  const access = await resolveAccess(db, session, input.viewer);
  const participant = access.identity ? await findParticipant(db, session.id, access.identity) : null;
  if (!participant) throw new ForbiddenError("join_required", "Join the session to read its transcript.");
  return listSessionTranscript(db, session.id, TRANSCRIPT_LIMIT);
}
