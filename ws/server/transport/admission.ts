import type { SttProvider } from "@/modules/core/captions/application/stt-provider";
import { LANGUAGE_UNSUPPORTED_REASON } from "@/modules/core/captions/domain/caption-languages";
import type { CloseKey } from "@/modules/core/captions/domain/close-codes";
import type { Unavailable } from "@/modules/core/captions/domain/protocol";
import type { StreamContext } from "@/modules/core/captions/infra/stream-context-repository";
import { verifyTranscriptionToken } from "@/modules/core/captions/infra/transcription-token";
import type { SessionDirectory } from "../services/session-directory";
import type { StreamOpenLimiter } from "./stream-opens";

export type Admission =
  | { close: CloseKey }
  | { ctx: StreamContext; unavailable: Unavailable }
  | { ctx: StreamContext; provider: SttProvider };

/**
 * The auth checks, each failure with its own close code: token (signature, expiry, audience), then
 * the participant belongs to the session and is still present (not departed, still a member where
 * the session requires it), the session is not ENDED, captions are on; then whether
 * a provider can transcribe the session's language.
 */
export async function admit(
  deps: {
    secret: string;
    directory: SessionDirectory;
    provider: SttProvider | null;
    unavailableReason: string;
    streamOpens?: StreamOpenLimiter;
  },
  token: string,
): Promise<Admission> {
  const check = verifyTranscriptionToken(deps.secret, token);
  if (!check.ok) return { close: check.close };
  const ctx = await deps.directory.context(check.claims.sessionId, check.claims.participantId);
  if (!ctx || !ctx.present) return { close: "NOT_PARTICIPANT" };
  if (ctx.status === "ENDED") return { close: "SESSION_ENDED" };
  if (!ctx.transcriptionEnabled) return { close: "CAPTIONS_DISABLED" };
  if (deps.streamOpens && !(await deps.streamOpens.take(ctx.participantId))) {
    return { close: "STREAM_OPENS_EXCEEDED" };
  }
  if (!deps.provider) return { ctx, unavailable: { code: "no_recognizer", reason: deps.unavailableReason } };
  // One fixed reason and a code, so every client can say it in its viewer's language (the provider's own words are English).
  return deps.provider.unsupportedReason(ctx.language)
    ? { ctx, unavailable: { code: "language_unsupported", reason: LANGUAGE_UNSUPPORTED_REASON } }
    : { ctx, provider: deps.provider };
}
