import type { CaptionLanguages } from "../domain/caption-languages";

/**
 * The port every speech-to-text adapter implements (Gladia real-time v2, local Whisper or
 * PocketSphinx, a null provider for benchmarks). One stream per participant connection.
 */
export type ProviderTranscript = {
  /** Stable within the stream: partials and the final of one utterance share it. */
  id: string;
  text: string;
  isFinal: boolean;
  startMs: number | null;
  endMs: number | null;
  language: string | null;
  confidence: number | null;
};

/**
 * A final translated by the provider: `id` is the id of the utterance it translates (the one its
 * final carried), `language` the target language as the provider reported it.
 */
export type ProviderTranslation = { id: string; language: string; text: string };

/**
 * How far a stream's captions trail its audio, for recognizers that can fall behind (the local
 * one): "delayed" over the target lag (partials are shed), "catching_up" after audio was skipped
 * to get back within the hard bound, "live" again under the target.
 */
export type CaptionLagState = "live" | "delayed" | "catching_up";

/** A recognizer's own trouble or notice (`stt_busy`, `stt_disconnected`, ...), passed on to the client as a `warning` code. */
export type SttIssueCode = `stt_${string}`;

export type SttStreamHandlers = {
  onTranscript(t: ProviderTranscript): void;
  /** Translations of finals, after the final they translate; only when the stream asked for some. */
  onTranslation?(t: ProviderTranslation): void;
  /**
   * A failure the stream cannot recover from by itself; `reason` is safe to show to users. The
   * stream is over after it (writes are ignored, close() resolves at once): `retryable` says
   * whether opening a new stream, after a backoff, may work.
   */
  onError(err: { code: SttIssueCode; reason: string; retryable: boolean }): void;
  /** Something the participant should know while the stream goes on (e.g. the recognizer is busy). */
  onWarning?(w: { code: SttIssueCode; reason: string }): void;
  /** Lag state changes (providers that never fall behind, like Gladia, do not call it). */
  onStatus?(s: { state: CaptionLagState; lagMs: number }): void;
  /**
   * Audio written to the stream that will never be transcribed (shed under load, or still queued
   * when a close gave up): counted apart, and not billed.
   */
  onDropped?(bytes: number): void;
};

export interface SttStream {
  /** PCM16LE mono 16 kHz. Never blocks; the adapter buffers within its own bounds. */
  write(pcm: Buffer): void;
  /** Finish the utterance in flight (its final arrives through onTranscript) and release the stream. */
  close(): Promise<void>;
}

/**
 * How the ws server keeps this recognizer's streams while the speech gate is on (only speech is
 * sent): the adapter knows what its engine needs, so nothing outside it is keyed by provider name.
 */
export type SttStreamPolicy = {
  /**
   * Faint noise (ms, not billed) written after each burst, for an engine whose endpointer ends an
   * utterance only on hearing silence (the local ones, kept open); 0: none needed.
   */
  flushSilenceMs: number;
  /**
   * A stream without speech for this long is closed and re-opened (with the pre-roll) on the next
   * burst, for an engine that bills open-stream time (Gladia); null: kept open.
   */
  idleCloseMs: number | null;
};

export interface SttProvider {
  /** Usage rows, health, metrics labels and the `ready` message name the provider by it. */
  readonly name: string;
  readonly policy: SttStreamPolicy;
  /** USD per billed minute of audio (the deployment's STT_PRICE_PER_MINUTE_<NAME>; 0 for free ones). */
  readonly pricePerMinute: number;
  /**
   * The adapter writes lower-case words without punctuation, numbers spelled out ("we raised forty
   * thousand dollars") — PocketSphinx. The ws server then rewrites its partials and finals in
   * written form (`domain/caption-text.ts`) so they read like the engines that write figures and
   * casing themselves (Gladia, Whisper: absent or false, their text is kept as it is).
   */
  readonly writesNumbersAsWords?: boolean;
  /** null when the language can be transcribed; otherwise why not, safe to show to users. */
  unsupportedReason(language: string): string | null;
  /** The caption languages it serves, as the session form offers them (announced to the web process). */
  readonly captionLanguages: CaptionLanguages;
  /**
   * The languages this deployment lets the provider translate finals into (may be empty: none
   * configured); null when the provider cannot translate at all.
   */
  readonly translation: { languages: readonly string[] } | null;
  /**
   * `translateTo`: target languages for this stream (a subset of `translation.languages`).
   * `vocabulary`: words and short phrases to bias recognition towards (participants' names, then
   * the space's glossary; see `domain/vocabulary.ts`). A bias only: adapters take what their API
   * allows from the front, or ignore it, and it must never appear as words nobody said.
   */
  openStream(
    opts: {
      language: string;
      streamId: string;
      translateTo?: readonly string[];
      vocabulary?: readonly string[];
    } & SttStreamHandlers,
  ): Promise<SttStream>;
  /** Stop workers and sockets at process shutdown. */
  shutdown(): Promise<void>;
}
