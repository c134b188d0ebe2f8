import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AUTO_LANGUAGE, WHISPER_LANGUAGE_CODES, captionLanguages } from "../domain/caption-languages";
import type { SttProvider } from "../application/stt-provider";
import { createLocalWorkerProvider, type LocalWorkerOptions } from "./local-worker-provider";
import { MSG } from "./pocketsphinx-framing";

/** Model directories scripts/install-stt.sh unpacked (each with its .installed marker). */
export type WhisperModels = { english?: string; multilingual?: string };

export type WhisperOptions = LocalWorkerOptions & {
  models: WhisperModels;
  /** CTranslate2 threads per decode (it releases the GIL while decoding). Default 1. */
  threads?: number;
};

const WORKER = fileURLToPath(new URL("../../../../../ws/stt/whisper_worker.py", import.meta.url));

/** Languages the multilingual model transcribes: the one list the session form offers too. */
export const WHISPER_LANGUAGES: ReadonlySet<string> = new Set(WHISPER_LANGUAGE_CODES);

/** STT_LOCAL_MODELS names and what they are for. */
const MODEL_DIRS = { english: "whisper-tiny.en", multilingual: "whisper-base" } as const;

/** The installed models under `modelsDir` ($DATA_DIR/models); a half-unpacked one does not count. */
export function findWhisperModels(modelsDir: string): WhisperModels {
  const models: WhisperModels = {};
  for (const [kind, dir] of Object.entries(MODEL_DIRS) as [keyof WhisperModels, string][]) {
    const full = path.join(modelsDir, dir);
    if (existsSync(path.join(full, ".installed"))) models[kind] = full;
  }
  return models;
}

/** "en-US" → "en": Whisper knows languages, not regions. */
const baseLanguage = (language: string) => language.trim().toLowerCase().split(/[-_]/)[0] ?? "";

export function whisperUnsupportedReason(models: WhisperModels, language: string): string | null {
  const code = baseLanguage(language);
  if (code === "en" && (models.english || models.multilingual)) return null;
  // Auto-detect (each utterance's language) needs the multilingual model.
  if (code === AUTO_LANGUAGE) {
    return models.multilingual ? null : "the local speech recognizer has only its English model installed";
  }
  if (!WHISPER_LANGUAGES.has(code)) return `the local speech recognizer does not know "${language}"`;
  if (models.multilingual) return null;
  return `the local speech recognizer has only its English model installed, not one for "${language}"`;
}

/**
 * Whisper (ws/stt/whisper_worker.py): the embedded default recognizer. English streams use the
 * English-only model (tiny.en) when it is installed, other languages the multilingual one (base).
 * The stream's vocabulary (names, glossary) is the decoder's initial prompt.
 */
export function createWhisperProvider(opts: WhisperOptions): SttProvider {
  const { models } = opts;
  if (!models.english && !models.multilingual) throw new Error("no Whisper model is installed");
  const args = ["--threads", String(opts.threads ?? 1)];
  if (models.english) args.push("--english-model", models.english);
  if (models.multilingual) args.push("--multilingual-model", models.multilingual);
  return createLocalWorkerProvider(
    {
      name: "whisper",
      workerPath: WORKER,
      args,
      // Whisper writes figures, casing and punctuation itself.
      writesNumbersAsWords: false,
      unsupportedReason: (language) => whisperUnsupportedReason(models, language),
      captionLanguages: captionLanguages({
        provider: "whisper",
        gladiaKey: false,
        localModels: [
          ...(models.english ? ["tiny.en" as const] : []),
          ...(models.multilingual ? ["base" as const] : []),
        ],
      }),
      openOptions: ({ language, vocabulary }) => ({
        language: baseLanguage(language),
        prompt: (vocabulary ?? []).join(", "),
      }),
    },
    opts,
  );
}

/**
 * Whether a worker starts with these models: it loads one, says READY, and exits at the end of its
 * (empty) input. null when it does; otherwise why not, for logs and health.
 */
export function probeWhisper(
  python: string,
  models: WhisperModels,
  timeoutMs = 60_000,
): Promise<string | null> {
  if (!models.english && !models.multilingual) {
    return Promise.resolve("no Whisper model is installed (scripts/install-stt.sh, STT_LOCAL_MODELS)");
  }
  const args = [WORKER];
  if (models.english) args.push("--english-model", models.english);
  if (models.multilingual) args.push("--multilingual-model", models.multilingual);
  return new Promise((resolve) => {
    const child = spawn(python, args, { stdio: ["ignore", "pipe", "pipe"] });
    let ready = false;
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.stdout.on("data", (b: Buffer) => {
      if (b.length >= 5 && b.readUInt8(4) === MSG.READY) ready = true;
    });
    child.stderr.on("data", (b: Buffer) => (stderr = (stderr + b.toString()).slice(-2000)));
    child.once("error", (e) => {
      clearTimeout(timer);
      resolve(`the Whisper worker cannot start (${python}: ${e.message})`);
    });
    child.once("exit", () => {
      clearTimeout(timer);
      const lastLine = stderr.trim().split("\n").pop() ?? "";
      resolve(ready ? null : `the Whisper worker did not load its model: ${lastLine || "no output"}`);
    });
  });
}
