/**
 * Which caption languages a deployment's speech recognizer can do, so the session form, the API and
 * the call offer exactly those. Pure: the web process feeds it its env (STT_PROVIDER, whether
 * GLADIA_API_KEY is set, STT_LOCAL_MODELS), the same variables the ws process chooses its provider by.
 */

import {
  LOCAL_MODELS,
  type LocalModel,
  type SttProviderChoice,
} from "@/modules/core/shared/domain/stt-config";

/** What a session asks for when its speakers may switch language: the provider detects it per utterance. */
export const AUTO_LANGUAGE = "auto";

/** The recognizer a configuration ends up with ("null": the benchmarks' provider, which takes anything). */
export type CaptionEngine = "gladia" | "whisper" | "pocketsphinx" | "none" | "null";

/**
 * Gladia real-time v2's transcription languages (LiveV2TranscriptionLanguageCode in @gladiaio/sdk).
 * Its `language_config.code_switching` detects the language of each utterance.
 */
export const GLADIA_LANGUAGE_CODES: readonly string[] = (
  "af am ar as az ba be bg bn bo br bs ca cs cy da de el en es et eu fa fi fo fr gl gu ha haw he hi hr ht " +
  "hu hy id is it ja jw ka kk km kn ko la lb ln lo lt lv mg mi mk ml mn mr ms mt my ne nl nn no oc pa pl " +
  "ps pt ro ru sa sd si sk sl sn so sq sr su sv sw ta te tg th tk tl tr tt uk ur uz vi yi yo zh"
).split(" ");

/** The multilingual Whisper models' 99 languages (openai/whisper tokenizer.py LANGUAGES, before v3's yue). */
export const WHISPER_LANGUAGE_CODES: readonly string[] = (
  "en zh de es ru ko fr ja pt tr pl ca nl ar sv it id hi fi vi he uk el ms cs ro da hu ta no th ur hr bg " +
  "lt la mi ml cy sk te fa lv bn sr az sl kn et mk br eu is hy ne mn bs kk sq sw gl mr pa si km sn yo so " +
  "af oc ka be tg sd gu am yi lo uz fo ht ps tk nn mt sa lb my bo tl mg as tt haw ln ha ba jw su"
).split(" ");

export type CaptionConfig = {
  provider: SttProviderChoice;
  /** Whether GLADIA_API_KEY is set: with `auto` it picks Gladia. */
  gladiaKey: boolean;
  /** STT_LOCAL_MODELS, e.g. ["tiny.en", "base"]. */
  localModels: readonly LocalModel[];
};

export type CaptionLanguages = {
  engine: CaptionEngine;
  /** ISO 639-1 codes (a few 639-3, e.g. "haw"), English first when offered. */
  languages: readonly string[];
  /** Whether AUTO_LANGUAGE (detect the language per utterance, for speakers who switch) is offered. */
  autoDetect: boolean;
};

const englishFirst = (codes: readonly string[]) =>
  codes.includes("en") ? ["en", ...codes.filter((c) => c !== "en")] : [...codes];

/**
 * `auto` resolves as the ws process does as far as env tells: a Gladia key → Gladia, else the local
 * Whisper models. Whether those load is only known to the ws process: when it falls back to
 * PocketSphinx (English only) it tells each client that the session's language is unsupported.
 */
export function captionLanguages(config: CaptionConfig): CaptionLanguages {
  const engine: CaptionEngine =
    config.provider === "auto" ? (config.gladiaKey ? "gladia" : "whisper") : config.provider;
  switch (engine) {
    case "gladia":
    case "null":
      return { engine, languages: englishFirst(GLADIA_LANGUAGE_CODES), autoDetect: true };
    case "pocketsphinx":
      return { engine, languages: ["en"], autoDetect: false };
    case "none":
      return { engine, languages: [], autoDetect: false };
    case "whisper": {
      const multilingual = config.localModels.some((m) => LOCAL_MODELS[m].multilingual);
      if (multilingual) return { engine, languages: englishFirst(WHISPER_LANGUAGE_CODES), autoDetect: true };
      return { engine, languages: config.localModels.length ? ["en"] : [], autoDetect: false };
    }
  }
}

/** Whether a session in `language` (a code or AUTO_LANGUAGE) gets captions from this configuration. */
export function supportsCaptionLanguage(caps: CaptionLanguages, language: string): boolean {
  if (language === AUTO_LANGUAGE) return caps.autoDetect;
  return caps.languages.includes(language);
}

/**
 * A new session's language: the UI language when the recognizer can do it (people speak the
 * language they read), else English, else the first it can do.
 */
export function defaultCaptionLanguage(caps: CaptionLanguages, uiLocale: string): string {
  if (caps.languages.includes(uiLocale)) return uiLocale;
  return caps.languages.includes("en") ? "en" : (caps.languages[0] ?? "en");
}

/**
 * The reason the ws process gives (`unavailable`) when its recognizer cannot do the session's
 * language: clients match it and say so in the viewer's language.
 */
export const LANGUAGE_UNSUPPORTED_REASON = "the speech recognizer cannot transcribe this session's language";

/**
 * Whether a session gets captions on this deployment, and if not why: the call page knows it
 * before connecting, so the CC control is disabled with the reason instead of a socket being
 * opened only to be refused. The ws process may still refuse a language this says is fine (its
 * recognizer fell back to a smaller one); it then says `language_unsupported` itself.
 */
export type CaptionAvailability = "on" | "off" | "no_recognizer" | "language_unsupported";

export function captionAvailability(
  caps: CaptionLanguages,
  session: { transcriptionEnabled: boolean; transcriptionLanguage: string },
): CaptionAvailability {
  if (!session.transcriptionEnabled) return "off";
  if (caps.engine === "none") return "no_recognizer";
  return supportsCaptionLanguage(caps, session.transcriptionLanguage) ? "on" : "language_unsupported";
}

/**
 * What the running ws processes' recognizers can do together: a session's participants may land on
 * any of them, so a language is offered only when every one transcribes it. Null when none is
 * running (the caller falls back on what its env would choose).
 */
export function servedCaptionLanguages(running: readonly CaptionLanguages[]): CaptionLanguages | null {
  const [first, ...rest] = running;
  if (!first) return null;
  if (running.some((r) => r.engine === "none")) return { engine: "none", languages: [], autoDetect: false };
  return {
    // Only "none" changes what a session gets; which engine serves is shown by /healthz and the call.
    engine: first.engine,
    languages: first.languages.filter((code) => rest.every((r) => r.languages.includes(code))),
    autoDetect: running.every((r) => r.autoDetect),
  };
}
