/**
 * The speech-recognizer settings every process reads from env (STT_PROVIDER, STT_LOCAL_MODELS):
 * shared so the env schemas (src/lib/env) and the caption-language rules agree on the names.
 */

export const STT_PROVIDER_CHOICES = ["auto", "gladia", "whisper", "pocketsphinx", "none", "null"] as const;
export type SttProviderChoice = (typeof STT_PROVIDER_CHOICES)[number];

/**
 * The local Whisper models the install script can put in place (STT_LOCAL_MODELS): `.en` models
 * are English-only; the others are multilingual and detect the language of an utterance.
 */
export const LOCAL_MODELS = {
  "tiny.en": { multilingual: false },
  base: { multilingual: true },
} as const;
export type LocalModel = keyof typeof LOCAL_MODELS;
export const isLocalModel = (name: string): name is LocalModel => Object.hasOwn(LOCAL_MODELS, name);
