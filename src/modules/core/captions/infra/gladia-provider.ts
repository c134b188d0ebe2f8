import { GladiaClient, type LiveV2Session, type LiveV2WebSocketMessage } from "@gladiaio/sdk";
import type { Logger } from "pino";
import { ServiceUnavailableError } from "@/modules/core/shared/domain/errors";
import { BYTES_PER_SECOND, SAMPLE_RATE } from "../domain/audio";
import { AUTO_LANGUAGE, captionLanguages } from "../domain/caption-languages";
import type { SttProvider, SttStream, SttStreamHandlers } from "../application/stt-provider";
import {
  GLADIA_LANGUAGES,
  GLADIA_VOCABULARY,
  describeInitError,
  endedError,
  gladiaVocabulary,
  toProviderTranscript,
  toProviderTranslation,
} from "./gladia-mapping";

export type GladiaOptions = {
  apiKey: string;
  /** Gladia's API, or a proxy / stand-in speaking its protocol. */
  apiUrl?: string;
  logger?: Logger;
  /** For POST /v2/live; a slower answer is a retryable "did not answer in time". */
  httpTimeoutMs?: number;
  /** Reconnect attempts after a dropped socket before the stream fails (the SDK's per-connection limit). */
  reconnectAttempts?: number;
  /** Audio sent but not acknowledged beyond this (default 20 s) means Gladia is not keeping up, or a socket died silently. */
  maxUnackedBytes?: number;
  /** How long close() waits for the finals of the audio already sent. */
  closeTimeoutMs?: number;
  /** Real-time translation of finals: the target languages the deployment offers, and the model. */
  translation?: { languages: readonly string[]; model?: "base" | "enhanced" };
  /** USD per billed minute (default 0). */
  pricePerMinute?: number;
  /**
   * Gated: a session without speech for this long is closed (Gladia bills its open time) and a new
   * one opened on the next burst; default 10 s (docs/ARCHITECTURE.md "Speech gate").
   */
  idleCloseMs?: number;
};

/**
 * Gladia real-time v2 through the official SDK, which does the protocol: POST /v2/live with
 * x-gladia-key, binary audio, acknowledgments, stop_recording, and after a dropped socket a
 * reconnect to the same URL that re-sends the audio not yet acknowledged (byte_range).
 * This adapter configures the session, maps transcripts, translations and failures, and bounds the
 * backlog. A stream asked for translations opens its session with `realtime_processing.translation`;
 * Gladia then sends a `translation` message per final and target language, naming the final's id.
 * A stream's vocabulary (names, glossary) goes in `realtime_processing.custom_vocabulary`.
 */
export function createGladiaProvider(opts: GladiaOptions): SttProvider {
  const client = new GladiaClient({
    apiKey: opts.apiKey,
    apiUrl: opts.apiUrl ?? "https://api.gladia.io",
    httpTimeout: opts.httpTimeoutMs ?? 10_000,
    wsRetry: { maxAttemptsPerConnection: opts.reconnectAttempts ?? 5 },
  });
  const live = client.liveV2();
  const maxUnacked = opts.maxUnackedBytes ?? 20 * BYTES_PER_SECOND;
  const open = new Set<LiveV2Session>();
  const log = opts.logger;
  let stopping = false;

  const translation = { languages: [...(opts.translation?.languages ?? [])] };

  return {
    name: "gladia",
    writesNumbersAsWords: false,
    // Its endpointer needs no silence written; an idle session still costs.
    policy: { flushSilenceMs: 0, idleCloseMs: opts.idleCloseMs ?? 10_000 },
    pricePerMinute: opts.pricePerMinute ?? 0,
    translation,
    captionLanguages: captionLanguages({ provider: "gladia", gladiaKey: true, localModels: [] }),

    unsupportedReason(language) {
      return language === AUTO_LANGUAGE || GLADIA_LANGUAGES.has(primary(language))
        ? null
        : `the captions provider does not transcribe "${language}"`;
    },

    async openStream({
      language,
      streamId,
      translateTo = [],
      vocabulary = [],
      onTranscript,
      onTranslation,
      onError,
    }): Promise<SttStream> {
      const lang = primary(language);
      const auto = language === AUTO_LANGUAGE;
      if (!auto && !GLADIA_LANGUAGES.has(lang)) {
        throw new ServiceUnavailableError(
          "captions_unavailable",
          `Captions are not available in "${language}".`,
        );
      }
      const targets = translateTo.filter((l) => translation.languages.includes(l));
      const terms = gladiaVocabulary(vocabulary);
      const session = live.startSession({
        encoding: "wav/pcm",
        sample_rate: SAMPLE_RATE,
        bit_depth: 16,
        channels: 1,
        // No language: Gladia detects it, and with code_switching again on each utterance.
        language_config: auto
          ? { code_switching: true }
          : { languages: [lang as never], code_switching: false },
        messages_config: {
          receive_partial_transcripts: true,
          receive_final_transcripts: true,
          receive_acknowledgments: true,
          receive_errors: true,
          // Translations are realtime-processing events.
          ...(targets.length ? { receive_realtime_processing_events: true } : {}),
        },
        ...(targets.length || terms.length
          ? {
              realtime_processing: {
                ...(terms.length
                  ? {
                      custom_vocabulary: true,
                      custom_vocabulary_config: {
                        vocabulary: terms,
                        default_intensity: GLADIA_VOCABULARY.intensity,
                      },
                    }
                  : {}),
                ...(targets.length
                  ? {
                      translation: true,
                      translation_config: {
                        target_languages: targets as never[],
                        model: opts.translation?.model ?? "base",
                      },
                    }
                  : {}),
              },
            }
          : {}),
        custom_metadata: { streamId },
      });
      await connected(session);
      open.add(session);
      log?.info({ streamId, gladiaSession: session.sessionId }, "gladia session started");
      const ctx = { streamId, maxUnacked, log, opts, targets, stopping: () => stopping };
      return attachStream(session, { onTranscript, onTranslation, onError }, ctx, () => open.delete(session));
    },

    async shutdown() {
      stopping = true;
      for (const s of [...open]) s.endSession();
      open.clear();
    },
  };
}

const primary = (language: string) => language.trim().toLowerCase().split(/[-_]/)[0] ?? "";

/**
 * Resolves once POST /v2/live answered and the socket is open; rejects with a clear reason when
 * either failed. Waiting for the open socket also keeps clear of an SDK 2.1.0 defect: ending a
 * session while its first socket is still being created closes a `ws` client that has no error
 * listener yet, and the resulting "closed before the connection was established" error is thrown
 * out of the process. Later reconnects create their socket within one tick, out of reach.
 */
function connected(session: LiveV2Session): Promise<void> {
  return new Promise((resolve, reject) => {
    let lastError: unknown = null;
    session.once("connected", () => resolve());
    session.on("error", (e) => {
      lastError = e;
    });
    session.once("ended", ({ code, reason }) => {
      const d = describeInitError(lastError ?? new Error(`session ended (${code} ${reason ?? ""})`));
      reject(
        new ServiceUnavailableError("captions_unavailable", `Captions are unavailable: ${d.reason}.`, {
          internal: d.internal,
          cause: lastError,
          details: { retryable: d.retryable, status: d.status },
        }),
      );
    });
  });
}

function attachStream(
  session: LiveV2Session,
  handlers: SttStreamHandlers,
  ctx: {
    streamId: string;
    maxUnacked: number;
    log?: Logger;
    opts: GladiaOptions;
    targets: readonly string[];
    stopping: () => boolean;
  },
  release: () => void,
): SttStream {
  const { log, streamId } = ctx;
  let written = 0;
  let acked = 0;
  let closing = false;
  let finished = false;
  let lastError: unknown = null;
  let closed: Promise<void> | null = null;
  let resolveClosed: (() => void) | null = null;

  const finish = (err: Parameters<SttStreamHandlers["onError"]>[0] | null) => {
    if (finished) return;
    finished = true;
    release();
    if (err && !closing) handlers.onError(err);
    resolveClosed?.();
  };

  session.on("message", (m: LiveV2WebSocketMessage) => {
    if (m.type === "transcript") {
      handlers.onTranscript(toProviderTranscript(m.data));
    } else if (m.type === "translation") {
      // A failed translation loses that line's translation only; the original still stands.
      if (m.error || !m.data) {
        log?.warn({ streamId, error: m.error?.message }, "gladia could not translate a final");
        return;
      }
      const t = toProviderTranslation(m.data, ctx.targets);
      if (t) handlers.onTranslation?.(t);
    } else if (m.type === "audio_chunk") {
      if (m.acknowledged && m.data) acked = Math.max(acked, m.data.byte_range[1] ?? acked);
      else if (!m.acknowledged) {
        log?.error({ streamId, error: m.error?.message }, "gladia rejected audio");
        finish({
          code: "stt_rejected_audio",
          reason: "the captions provider could not read the audio",
          retryable: false,
        });
        session.endSession();
      }
    }
  });
  session.on("connecting", ({ attempt }) => {
    if (attempt > 1)
      log?.warn(
        { streamId, attempt },
        "gladia socket dropped: reconnecting and re-sending unacknowledged audio",
      );
  });
  session.on("error", (e) => {
    lastError = e;
    log?.warn({ streamId, err: e }, "gladia session error");
  });
  session.on("ended", ({ code, reason }) => {
    log?.info({ streamId, code, reason, written, acked }, "gladia session ended");
    if (ctx.stopping()) {
      finish({ code: "stt_shutdown", reason: "captions are shutting down", retryable: true });
    } else finish(closing && code === 1000 ? null : endedError(code, reason, lastError));
  });

  return {
    write(pcm) {
      if (closing || finished) return;
      if (written + pcm.length - acked > ctx.maxUnacked) {
        log?.warn({ streamId, unacked: written - acked }, "gladia is not acknowledging audio");
        finish({ code: "stt_backlog", reason: "the captions provider is not keeping up", retryable: true });
        session.endSession();
        return;
      }
      written += pcm.length;
      session.sendAudio(pcm);
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        if (finished) return resolve();
        closing = true;
        resolveClosed = resolve;
        // Gladia finalizes what it has, sends the last finals, then closes with 1000 ("ended").
        session.stopRecording();
        setTimeout(() => {
          if (finished) return;
          log?.warn({ streamId }, "gladia did not end the session in time after stop_recording");
          session.endSession();
        }, ctx.opts.closeTimeoutMs ?? 10_000).unref();
      });
      return closed;
    },
  };
}
