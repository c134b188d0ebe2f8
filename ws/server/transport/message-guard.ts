import type { RawData } from "ws";
import type { ProviderTranscript, SttProvider } from "@/modules/core/transcription/application/stt-provider";
import { FRAME_LIMITS } from "@/modules/core/transcription/domain/audio";
import { LANGUAGE_UNSUPPORTED_REASON } from "@/modules/core/transcription/domain/caption-languages";
import type { CloseKey } from "@/modules/core/transcription/domain/close-codes";
import {
  clientMessage,
  type ClientMessage,
  type FinalSegment,
} from "@/modules/core/transcription/domain/protocol";
import type { StreamContext } from "@/modules/core/transcription/infra/stream-context-repository";
import { verifyTranscriptionToken } from "@/modules/core/transcription/infra/transcription-token";
import type { SessionDirectory } from "../services/session-directory";
import type { StreamOpenLimiter } from "./stream-opens";
import { SETTINGS } from "../settings";

/** What is wrong with an audio frame's size, if anything. */
export function frameProblem(bytes: number): CloseKey | null {
  if (bytes < FRAME_LIMITS.minBytes) return "FRAME_TOO_SMALL";
  if (bytes > FRAME_LIMITS.maxBytes) return "FRAME_TOO_LARGE";
  if (bytes % 2 !== 0) return "FRAME_ODD_LENGTH";
  return null;
}

/** A text frame's bytes, or null when it is over the size any protocol message can have. */
export function textFrame(data: RawData): Buffer | null {
  const size = Buffer.isBuffer(data)
    ? data.length
    : Array.isArray(data)
      ? data.reduce((n, b) => n + b.length, 0)
      : data.byteLength;
  if (size > SETTINGS.maxTextBytes) return null;
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

/**
 * A text frame (already size- and rate-checked, see `textFrame` and text-rate.ts) as a protocol
 * message, or null for anything else (not JSON, not in the schema).
 */
export function parseClientMessage(raw: Buffer): ClientMessage | null {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch {
    return null;
  }
  const parsed = clientMessage.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** A provider utterance id made unique within the session (for finals and their translations). */
export const utteranceIdOf = (streamId: string, providerId: string) => `${streamId}:${providerId}`;

/** A provider transcript in the protocol's shape; the utterance id is unique within the session. */
export function toSegment(streamId: string, t: ProviderTranscript): Omit<FinalSegment, "sig"> {
  return {
    utteranceId: utteranceIdOf(streamId, t.id),
    text: t.text,
    startMs: t.startMs === null ? null : Math.max(0, Math.round(t.startMs)),
    endMs: t.endMs === null ? null : Math.max(0, Math.round(t.endMs)),
    language: t.language,
    confidence: t.confidence === null ? null : Math.min(1, Math.max(0, t.confidence)),
  };
}

export type Admission =
  | { close: CloseKey }
  | { ctx: StreamContext; unavailable: string }
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
  if (!deps.provider) return { ctx, unavailable: deps.unavailableReason };
  // One fixed reason, so every client can say it in its viewer's language (the provider's own words are English).
  return deps.provider.unsupportedReason(ctx.language)
    ? { ctx, unavailable: LANGUAGE_UNSUPPORTED_REASON }
    : { ctx, provider: deps.provider };
}

/** `p`, or a rejection naming `what` after `ms`. */
export async function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
