import { z } from "zod";

/**
 * The browser ↔ ws server protocol. Binary frames carry audio (PCM16LE mono 16 kHz, see audio.ts);
 * text frames carry one JSON message each. The first message must be `auth` within the server's
 * auth deadline; audio before that is a protocol error (CLOSE.AUDIO_BEFORE_AUTH).
 */

/** A final caption as the server hands it out: `sig` lets the client re-send it after a reconnect. */
export const finalSegment = z.object({
  utteranceId: z.string().min(1).max(200),
  text: z.string().max(10_000),
  startMs: z.number().int().min(0).nullable(),
  endMs: z.number().int().min(0).nullable(),
  language: z.string().max(16).nullable(),
  confidence: z.number().min(0).max(1).nullable(),
  /** HMAC by the ws server over the segment and its participant: only server-made finals are accepted back. */
  sig: z.string().min(1).max(200),
});
export type FinalSegment = z.infer<typeof finalSegment>;

export const clientMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("auth"), token: z.string().min(1).max(4096) }).strict(),
  /** The participant pauses / resumes transcription of their own voice. */
  z.object({ type: z.literal("pause") }).strict(),
  z.object({ type: z.literal("resume") }).strict(),
  /** After a reconnect: finals this client received but never saw acknowledged as stored. */
  z.object({ type: z.literal("resend"), finals: z.array(finalSegment).max(500) }).strict(),
]);
export type ClientMessage = z.infer<typeof clientMessage>;

/**
 * Why no translated captions are offered: the recognizer cannot translate (the offline one), or
 * the deployment configured no target languages (STT_TRANSLATION_LANGUAGES).
 */
export type TranslationUnavailable = "provider_cannot_translate" | "not_configured";

/** What the server can translate this session's finals into (the session's own language excluded). */
export type TranslationOffer = { languages: string[]; reason?: TranslationUnavailable };

/**
 * How far this stream's captions trail the voice, when the recognizer can fall behind (the local
 * one): "delayed" (over the target lag; partials are shed), "catching_up" (audio was skipped to get
 * back within the hard bound; what was skipped is not transcribed nor billed), "live" again, or
 * "busy" (every recognizer worker is over its bound: no stream now; the client retries).
 */
export const CAPTION_LAG_STATES = ["live", "delayed", "catching_up", "busy"] as const;
export type CaptionLagStatus = (typeof CAPTION_LAG_STATES)[number];

/**
 * Microphone health, sent as `warning` codes: `mic_silent` after 10 s of received audio with no
 * signal (digital silence or below any real microphone's noise floor), `mic_ok` when signal returns.
 */
export const MIC_WARNINGS = {
  mic_silent: "We can't hear your microphone.",
  mic_ok: "Your microphone is heard again.",
} as const;
export type MicWarningCode = keyof typeof MIC_WARNINGS;

/**
 * Why captions cannot work for a stream (`unavailable.code`): clients decide by the code and say
 * it in their viewer's language; `reason` is the server's English line, shown only for the
 * recognizer cases (it says which setup is missing).
 * - `budget_used_up`: the space's monthly transcription budget is spent (close 4014 follows);
 * - `language_unsupported`: this server's recognizer cannot transcribe the session's language;
 * - `no_recognizer`: no recognizer is set up or the chosen one did not start;
 * - `recognizer_failed`: the recognizer refused or lost this stream (busy, rejected, crashed).
 */
export const UNAVAILABLE_CODES = [
  "budget_used_up",
  "language_unsupported",
  "no_recognizer",
  "recognizer_failed",
] as const;
export type UnavailableCode = (typeof UNAVAILABLE_CODES)[number];
export type Unavailable = { code: UnavailableCode; reason: string };

/**
 * `warning` codes: the microphone's health, the stream's own limits (audio over the rate, storage
 * backed up or full, re-sent finals refused), the host's budget notice, and the recognizer's own
 * (`stt_*`, from its adapter: busy, reconnecting, ...). The English `message` is for logs and old clients.
 */
export type WarningCode =
  | MicWarningCode
  | "audio_dropped"
  | "budget_warning"
  | "storage_backlog"
  | "storage_ok"
  | "storage_full"
  | "resend_limited"
  | `stt_${string}`;

export type ServerMessage =
  | {
      type: "ready";
      sessionId: string;
      participantId: string;
      provider: string;
      language: string;
      translation: TranslationOffer;
    }
  | {
      type: "transcript";
      utteranceId: string;
      text: string;
      isFinal: boolean;
      startMs: number | null;
      endMs: number | null;
      language: string | null;
      confidence: number | null;
      /** Present on finals only. */
      sig?: string;
    }
  /**
   * The provider's translation of a final this stream already sent (same `utteranceId`), into
   * `language`; sent after that final, stored with it.
   */
  | { type: "translation"; utteranceId: string; language: string; text: string }
  /**
   * How much of this socket's audio the server has received, in ms since `ready`: sent at most
   * once a second while audio arrives. A client that sent audio it has not heard about for a few
   * seconds knows its captions are behind even when the socket looks open (a stalled network).
   */
  | { type: "heard"; audioMs: number }
  /** These finals are durably stored: the client may forget them. */
  | { type: "ack"; utteranceIds: string[] }
  | { type: "paused" }
  | { type: "resumed" }
  /** Captions cannot work for this stream; the call goes on. A close with CLOSE.PROVIDER_UNAVAILABLE follows. */
  | ({ type: "unavailable" } & Unavailable)
  /** A problem worth showing that does not end the stream (e.g. the provider is reconnecting). */
  | { type: "warning"; code: WarningCode; message: string }
  /** `code` is `stt_<state>`; `lagMs`: age of the oldest audio not yet decoded, when known. */
  | {
      type: "caption_status";
      state: CaptionLagStatus;
      code: `stt_${CaptionLagStatus}`;
      lagMs: number | null;
    };
