import type { IncomingMessage } from "node:http";
import { randomUUID } from "node:crypto";
import type { WebSocket } from "ws";
import type { ScriptedUtterance } from "./gladia-standin";
import { speechPcm16k } from "./speech";
import { GLADIA_LANGUAGES, GLADIA_TRANSLATION_LANGUAGES } from "@/modules/core/captions/infra/gladia-mapping";

/** Pieces of the Gladia stand-in (gladia-standin.ts): config checks and socket plumbing. */

const SAMPLE_RATES = [8000, 16000, 32000, 44100, 48000];
const BIT_DEPTHS = [8, 16, 24, 32];
const ENCODINGS = ["wav/pcm", "wav/alaw", "wav/ulaw"];

/** What POST /v2/live checks of the audio format and language (the values the API documents). */
export function validate(body: Record<string, any>): string[] {
  const problems: string[] = [];
  if (body.encoding !== undefined && !ENCODINGS.includes(body.encoding))
    problems.push(`encoding must be one of ${ENCODINGS.join(", ")}`);
  if (body.sample_rate !== undefined && !SAMPLE_RATES.includes(body.sample_rate))
    problems.push(`sample_rate must be one of ${SAMPLE_RATES.join(", ")}`);
  if (body.bit_depth !== undefined && !BIT_DEPTHS.includes(body.bit_depth))
    problems.push(`bit_depth must be one of ${BIT_DEPTHS.join(", ")}`);
  if (
    body.channels !== undefined &&
    !(Number.isInteger(body.channels) && body.channels >= 1 && body.channels <= 8)
  )
    problems.push("channels must be an integer from 1 to 8");
  const switching = body.language_config?.code_switching;
  if (switching !== undefined && typeof switching !== "boolean")
    problems.push("language_config.code_switching must be a boolean");
  for (const l of body.language_config?.languages ?? []) {
    if (!GLADIA_LANGUAGES.has(l)) problems.push(`language_config.languages: unsupported language "${l}"`);
  }
  const rt = body.realtime_processing;
  if (rt?.translation) {
    const cfg = rt.translation_config;
    if (!Array.isArray(cfg?.target_languages) || cfg.target_languages.length === 0)
      problems.push("realtime_processing.translation_config.target_languages must be a non-empty array");
    for (const l of cfg?.target_languages ?? []) {
      if (!GLADIA_TRANSLATION_LANGUAGES.has(l))
        problems.push(`realtime_processing.translation_config.target_languages: unsupported language "${l}"`);
    }
    if (cfg?.model !== undefined && !TRANSLATION_MODELS.includes(cfg.model))
      problems.push(
        `realtime_processing.translation_config.model must be one of ${TRANSLATION_MODELS.join(", ")}`,
      );
  }
  problems.push(...vocabularyProblems(rt));
  return problems;
}

const intensity = (v: unknown) => v === undefined || (typeof v === "number" && v >= 0 && v <= 1);

/**
 * `realtime_processing.custom_vocabulary` as the live API documents it: when on,
 * `custom_vocabulary_config.vocabulary` is a non-empty array of strings or `{ value, intensity?,
 * pronunciations?, language? }`, intensities within 0–1.
 */
function vocabularyProblems(rt: Record<string, any> | undefined): string[] {
  if (!rt?.custom_vocabulary) return [];
  const cfg = rt.custom_vocabulary_config;
  const where = "realtime_processing.custom_vocabulary_config";
  if (!Array.isArray(cfg?.vocabulary) || cfg.vocabulary.length === 0)
    return [`${where}.vocabulary must be a non-empty array`];
  const problems: string[] = [];
  if (!intensity(cfg.default_intensity)) problems.push(`${where}.default_intensity must be within 0 and 1`);
  for (const entry of cfg.vocabulary) {
    const ok =
      (typeof entry === "string" && entry.trim() !== "") ||
      (typeof entry?.value === "string" &&
        entry.value.trim() !== "" &&
        intensity(entry.intensity) &&
        (entry.pronunciations === undefined || Array.isArray(entry.pronunciations)) &&
        (entry.language === undefined || GLADIA_LANGUAGES.has(entry.language)));
    if (!ok) problems.push(`${where}.vocabulary: invalid entry ${JSON.stringify(entry)}`);
  }
  return problems;
}

const TRANSLATION_MODELS = ["base", "batch", "enhanced"];

/**
 * The languages a session asked its finals to be translated into (`realtime_processing.translation`
 * with `translation_config.target_languages`), when it also receives realtime-processing events
 * (on unless `messages_config.receive_realtime_processing_events` is false).
 */
export function translationTargets(config: Record<string, any>): string[] {
  const rt = config.realtime_processing;
  if (!rt?.translation || config.messages_config?.receive_realtime_processing_events === false) return [];
  return rt.translation_config?.target_languages ?? [];
}

/**
 * The stand-in's "translation": the original marked with its target language. Deterministic, so
 * tests know what to expect; only the stand-in fakes the language, the adapter reads it from the
 * message's `target_language`.
 */
export const fakeTranslation = (language: string, text: string) => `[${language}] ${text}`;

export function bytesPerSecond(config: Record<string, any>) {
  return ((config.sample_rate ?? 16000) * (config.bit_depth ?? 16) * (config.channels ?? 1)) / 8;
}

export async function waitFlushed(ws: WebSocket) {
  for (let i = 0; i < 100 && ws.bufferedAmount > 0; i++) await new Promise((r) => setTimeout(r, 5));
  // the bytes left the process; give the peer's event loop a moment to read them
  await new Promise((r) => setTimeout(r, 30));
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
    req.on("error", reject);
  });
}

export const rid = () => `G-${randomUUID().slice(0, 8)}`;

/** Real speech, sentence after sentence, and the stand-in's script of where each one lies in it. */
export function scriptedSpeech(sentences: readonly string[]): { audio: Buffer; script: ScriptedUtterance[] } {
  const parts: Buffer[] = [];
  const script: ScriptedUtterance[] = [];
  let offset = 0;
  for (const sentence of sentences) {
    const { pcm } = speechPcm16k({ sentences: [sentence], trailingSilenceMs: 400 });
    script.push({ text: sentence, startByte: offset, endByte: offset + pcm.length });
    parts.push(pcm);
    offset += pcm.length;
  }
  return { audio: Buffer.concat(parts), script };
}
