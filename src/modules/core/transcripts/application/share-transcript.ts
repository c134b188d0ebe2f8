import type { Executor } from "@/lib/db/client";
import type { Viewer } from "@/modules/core/sessions";
import { ForbiddenError } from "@/modules/core/shared/domain/errors";
import { setTranscriptShared } from "../infra/transcript-access-repository";
import { resolveTranscriptAccess } from "./transcript-access";

/**
 * The host (or a space owner/admin) shares the transcript with every space member, or stops.
 * Participants who may read it but not manage it get 403; everyone else the session's 404.
 */
export async function shareTranscript(
  db: Executor,
  input: { slug: string; viewer: Viewer; shared: boolean },
): Promise<{ shared: boolean }> {
  const { session, canManage } = await resolveTranscriptAccess(db, input);
  if (!canManage)
    throw new ForbiddenError("forbidden", "Only the host or a space admin can share the transcript.");
  await setTranscriptShared(db, session.id, input.shared);
  return { shared: input.shared };
}
