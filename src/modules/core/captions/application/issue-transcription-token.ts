import type { Executor } from "@/lib/db/client";
import {
  resolveAccess,
  sessionEnded,
  sessionNotFound,
  type Viewer,
  findParticipant,
  findSessionBySlug,
} from "@/modules/core/sessions";
import { ConflictError, NotFoundError, ServiceUnavailableError } from "@/modules/core/shared/domain/errors";
import { orderWsUrls } from "../domain/ws-urls";
import { signTranscriptionToken } from "../infra/transcription-token";

/** `urls`: every ws instance browsers can reach (one or more). */
export type TranscriptionConfig = { secret: string | undefined; urls: readonly string[] };
/** `url` is the instance picked for this participant; `urls` all of them in failover order. */
export type IssuedTranscriptionToken = { token: string; url: string; urls: string[]; expiresAt: Date };

/**
 * A captions token for the ws server: only for a participant who has joined (and not left) a LIVE
 * session with captions on. The ws server re-checks the session on connect and while connected.
 */
export async function issueTranscriptionToken(
  db: Executor,
  config: TranscriptionConfig,
  input: { slug: string; viewer: Viewer },
): Promise<IssuedTranscriptionToken> {
  const session = await findSessionBySlug(db, input.slug);
  if (!session) throw sessionNotFound(input.viewer.user !== null);
  const access = await resolveAccess(db, session, input.viewer);
  if (session.status === "ENDED") throw sessionEnded();
  const participant = access.identity ? await findParticipant(db, session.id, access.identity) : null;
  if (!participant || participant.leftAt) {
    throw new NotFoundError("join_required", "Join the session before turning on captions.");
  }
  if (!session.transcriptionEnabled) {
    throw new ConflictError("captions_disabled", "Captions are turned off for this session.");
  }
  const urls = orderWsUrls(config.urls, participant.id);
  const url = urls[0];
  if (!config.secret || !url) {
    throw new ServiceUnavailableError("captions_unavailable", "Captions are not set up on this server.", {
      internal: "TRANSCRIPTION_JWT_SECRET or TRANSCRIPTION_WS_URL is not set",
    });
  }
  const { token, expiresAt } = signTranscriptionToken(config.secret, {
    sessionId: session.id,
    participantId: participant.id,
    identity: participant.identity,
    displayName: participant.displayName,
    language: session.transcriptionLanguage,
  });
  return { token, url, urls, expiresAt };
}
