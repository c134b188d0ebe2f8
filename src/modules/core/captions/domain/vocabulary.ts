import { GLOSSARY_LIMITS, stripInvisible, termKey, tidyTerm } from "./glossary";

/**
 * Bounds on the participants' display names a stream is biased with. Names are whatever people
 * typed (guests included), so each is cut to a name's size: a few words, not a sentence that a
 * recognizer primed with it could repeat.
 */
export const VOCABULARY_LIMITS = { names: 50, nameChars: 60, nameWords: 5 } as const;

/** A display name as a vocabulary entry: invisible characters removed, at most a few words and 60 characters. */
export function nameTerm(displayName: string): string {
  const words = tidyTerm(stripInvisible(tidyTerm(displayName))).split(" ");
  const cut = words.slice(0, VOCABULARY_LIMITS.nameWords).join(" ");
  return [...cut].slice(0, VOCABULARY_LIMITS.nameChars).join("").trim();
}

/**
 * What a caption stream's recognizer is biased with (`SttProvider.openStream`'s `vocabulary`):
 * the session's participants' names first (the likeliest to be said and misheard), then the
 * space's glossary; one entry per term whatever its case. At most 50 names + 300 terms; each
 * provider takes what its API allows from the front.
 */
export function buildVocabulary(names: readonly string[], glossary: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (term: string) => {
    const key = termKey(term);
    if (!term || seen.has(key)) return false;
    seen.add(key);
    out.push(term);
    return true;
  };
  let kept = 0;
  for (const name of names) {
    if (kept >= VOCABULARY_LIMITS.names) break;
    if (add(nameTerm(name))) kept++;
  }
  // Stored glossaries are already normalized; the bounds are kept here too, as this feeds a provider.
  for (const term of glossary.slice(0, GLOSSARY_LIMITS.terms)) {
    const t = tidyTerm(stripInvisible(term));
    if ([...t].length <= GLOSSARY_LIMITS.termChars) add(t);
  }
  return out;
}
