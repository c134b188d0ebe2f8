import { z } from "zod";

/**
 * A space's glossary: terms (names, products, jargon) that bias live recognition. Owners and admins
 * replace it as a whole; members read it. Bounds: enough for "a few hundred terms" while every
 * term stays something a recognizer can take as a word or short phrase.
 */
export const GLOSSARY_LIMITS = { terms: 300, termChars: 60 } as const;

export type GlossaryProblem =
  | { code: "glossary_too_many_terms"; count: number }
  | { code: "glossary_term_too_long" | "glossary_term_invalid"; index: number };

/** Control, format (zero-width, bidi overrides) and separator characters left after whitespace folding. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
export const stripInvisible = (s: string) => s.replace(new RegExp(INVISIBLE.source, "gu"), "");

/** One line as stored: NFC, runs of whitespace folded to one space, trimmed. */
export const tidyTerm = (raw: string) => raw.normalize("NFC").replace(/\s+/gu, " ").trim();

/** The key two spellings of one term share ("Kubernetes" and "kubernetes" are one term). */
export const termKey = (term: string) => term.toLowerCase();

export const termLength = (term: string) => [...term].length;

/**
 * The terms as stored, from what people typed (one per line or one per array item): tidied, empty
 * ones dropped, duplicates (any case) dropped keeping the first spelling. `problem` names the
 * first input line that cannot be a term, or the count when there are too many; `index` is the
 * position in `raw`.
 */
export function normalizeGlossary(raw: readonly string[]): {
  terms: string[];
  problem: GlossaryProblem | null;
} {
  const terms: string[] = [];
  const seen = new Set<string>();
  let problem: GlossaryProblem | null = null;
  for (const [index, line] of raw.entries()) {
    const term = tidyTerm(line);
    if (!term) continue;
    if (!problem && INVISIBLE.test(term)) problem = { code: "glossary_term_invalid", index };
    if (!problem && termLength(term) > GLOSSARY_LIMITS.termChars) {
      problem = { code: "glossary_term_too_long", index };
    }
    const key = termKey(term);
    if (seen.has(key)) continue;
    seen.add(key);
    terms.push(term);
  }
  if (!problem && terms.length > GLOSSARY_LIMITS.terms) {
    problem = { code: "glossary_too_many_terms", count: terms.length };
  }
  return { terms, problem };
}

/** The editor's textarea: one term per line. */
export const glossaryLines = (text: string) => text.split(/\r\n|\r|\n/);

/** PUT /api/spaces/:id/glossary. Bounds are checked by `normalizeGlossary`, so each breach has its own code. */
export const replaceGlossaryBody = z.object({ terms: z.array(z.string()) }).strict();

export const glossaryView = z.object({
  terms: z.array(z.string()),
  /** Owners and admins; members only read. */
  canEdit: z.boolean(),
  updatedAt: z.iso.datetime().nullable(),
});
export type GlossaryView = z.infer<typeof glossaryView>;

/** The body of GET and PUT /api/spaces/:id/glossary. */
export const glossaryResponse = z.object({ glossary: glossaryView });
