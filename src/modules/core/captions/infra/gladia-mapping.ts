import type { LiveV2TranscriptMessageData, LiveV2TranslationData } from "@gladiaio/sdk";
import type { ProviderTranscript, ProviderTranslation, SttIssueCode } from "../application/stt-provider";
import { GLADIA_LANGUAGE_CODES } from "../domain/caption-languages";

/** The languages Gladia's live API transcribes (LiveV2TranscriptionLanguageCode in the SDK). */
export const GLADIA_LANGUAGES: ReadonlySet<string> = new Set(GLADIA_LANGUAGE_CODES);

/** The languages Gladia's live API translates into (LiveV2TranslationLanguageCode in the SDK). */
export const GLADIA_TRANSLATION_LANGUAGES: ReadonlySet<string> = new Set([...GLADIA_LANGUAGES, "wo"]);

/**
 * A `translation` message's data as a translation of the final `utterance_id` into
 * `target_language`; null when it carries no text or a language that was not asked for.
 */
export function toProviderTranslation(
  data: LiveV2TranslationData,
  asked: readonly string[],
): ProviderTranslation | null {
  const text = (data.translated_utterance?.text ?? "").trim();
  const language = typeof data.target_language === "string" ? data.target_language : "";
  if (!text || !asked.includes(language) || data.utterance_id == null) return null;
  return { id: String(data.utterance_id), language, text };
}

export function toProviderTranscript(data: LiveV2TranscriptMessageData): ProviderTranscript {
  const u = data.utterance;
  const ms = (s: unknown) =>
    typeof s === "number" && Number.isFinite(s) && s >= 0 ? Math.round(s * 1000) : null;
  return {
    id: String(data.id),
    // Gladia's texts start with a space
    text: (u?.text ?? "").trim(),
    isFinal: data.is_final === true,
    startMs: ms(u?.start),
    endMs: ms(u?.end),
    language: u?.language ?? null,
    confidence:
      typeof u?.confidence === "number" && Number.isFinite(u.confidence)
        ? Math.min(1, Math.max(0, u.confidence))
        : null,
  };
}

type Described = { reason: string; internal: string; retryable: boolean; status: number | null };

type HttpLike = Error & { status: number; responseBody?: unknown };

/** The SDK's HttpError (not exported), also when wrapped by its retry loop in an AggregateError. */
function findHttpError(err: unknown): HttpLike | null {
  const seen: unknown[] = [];
  const visit = (e: unknown): HttpLike | null => {
    if (!e || typeof e !== "object" || seen.includes(e)) return null;
    seen.push(e);
    if (e instanceof Error && e.name === "HttpError" && typeof (e as HttpLike).status === "number") {
      return e as HttpLike;
    }
    const nested = [
      ...(e instanceof AggregateError ? [...e.errors].reverse() : []),
      (e as { cause?: unknown }).cause,
    ];
    for (const n of nested) {
      const found = visit(n);
      if (found) return found;
    }
    return null;
  };
  return visit(err);
}

const isTimeout = (err: unknown): boolean =>
  err instanceof Error && (err.name === "TimeoutError" || isTimeout((err as { cause?: unknown }).cause));

/** Why POST /v2/live failed, in words safe to show, and whether trying again later can help. */
export function describeInitError(err: unknown): Described {
  const internal = err instanceof Error ? err.message : String(err);
  if (isTimeout(err)) {
    return {
      reason: "the captions provider did not answer in time",
      internal,
      retryable: true,
      status: null,
    };
  }
  const http = findHttpError(err);
  if (!http)
    return { reason: "the captions provider cannot be reached", internal, retryable: true, status: null };
  const body = JSON.stringify(http.responseBody ?? null).slice(0, 500);
  const withBody = `${http.message} ${body}`;
  const s = http.status;
  if (s === 401 || s === 403) {
    return {
      reason: "the captions provider rejected the API key",
      internal: withBody,
      retryable: false,
      status: s,
    };
  }
  if (s === 429) {
    return {
      reason: "the captions provider's limit of concurrent sessions is reached",
      internal: withBody,
      retryable: true,
      status: s,
    };
  }
  if (s >= 500)
    return { reason: "the captions provider is unavailable", internal: withBody, retryable: true, status: s };
  return {
    reason: "the captions provider rejected the session settings",
    internal: withBody,
    retryable: false,
    status: s,
  };
}

/** A session that ended while the stream was still in use (not after our stop_recording). */
export function endedError(
  code: number,
  reason: string | undefined,
  lastError: unknown,
): { code: SttIssueCode; reason: string; retryable: boolean } {
  if (code === 1000) {
    return { code: "stt_ended", reason: "the captions provider ended the session", retryable: true };
  }
  // The SDK does not reconnect after 4400–4499: the provider refuses this stream for good.
  if (code >= 4400 && code <= 4499) {
    return {
      code: "stt_refused",
      reason: `the captions provider refused the stream (${reason || code})`,
      retryable: false,
    };
  }
  if (lastError && !findHttpError(lastError) && isTimeout(lastError)) {
    return { code: "stt_timeout", reason: "the captions provider did not answer in time", retryable: true };
  }
  return {
    code: "stt_disconnected",
    reason: "lost the connection to the captions provider",
    retryable: true,
  };
}

/**
 * Bounds on `realtime_processing.custom_vocabulary_config.vocabulary`. Gladia's live docs once
 * stated these limits (10,000 characters in all, 100 entries, 5 words each) and now state none;
 * keeping within them means a session never fails to open over its vocabulary. Its docs also
 * advise starting at intensity 0.3–0.4 for longer lists (the default 0.5 swaps too eagerly).
 */
export const GLADIA_VOCABULARY = { entries: 100, chars: 10_000, words: 5, intensity: 0.4 } as const;

/** The stream's vocabulary as Gladia takes it: from the front, within GLADIA_VOCABULARY. */
export function gladiaVocabulary(vocabulary: readonly string[]): string[] {
  const out: string[] = [];
  let chars = 0;
  for (const raw of vocabulary) {
    const term = raw.trim();
    if (!term || term.split(/\s+/u).length > GLADIA_VOCABULARY.words) continue;
    if (out.length >= GLADIA_VOCABULARY.entries || chars + term.length > GLADIA_VOCABULARY.chars) break;
    chars += term.length;
    out.push(term);
  }
  return out;
}
