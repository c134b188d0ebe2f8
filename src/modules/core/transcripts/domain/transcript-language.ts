import { z } from "zod";

/**
 * A language to read the transcript in: a BCP 47-like code (`ru`, `pt-br`), lower-cased as the
 * translations are stored (`STT_TRANSLATION_LANGUAGES` and the provider give lower-case codes).
 */
export const transcriptLanguage = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/, "must be a language code such as ru or pt-br")
  .max(35);

/**
 * The language the transcript is read in: the asked one when the session has translations in it,
 * else null (the original) — an unknown language gives originals, not lines all marked "original".
 */
export function chosenLanguage(asked: string | undefined, available: string[]): string | null {
  return asked !== undefined && available.includes(asked) ? asked : null;
}
