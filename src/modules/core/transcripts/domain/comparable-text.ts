import { rewriteNumbers, writtenCaption } from "@/modules/core/captions/domain/caption-text";
import { numberInWords } from "@/modules/core/captions/domain/spoken-numbers";
import { rewriteRussianNumbers } from "@/modules/core/captions/domain/spoken-numbers-ru";

/**
 * Text in a form where what was said compares equal however an engine wrote it: "We raised
 * $40,000." and "we raised forty thousand dollars" are both "we raised 40000 dollars"; "50%" ~
 * "fifty percent" ~ "50 percent"; "3:30 pm" ~ "three thirty p m"; case and punctuation ignored.
 * For comparisons (tests, recall figures) and anything else that must not care about style.
 */
export function comparableText(text: string): string {
  const words = rewriteRussianNumbers(plainTokens(text), { smallAsWords: false });
  return plainTokens(rewriteNumbers(words, { smallAsWords: false }).join(" ")).join(" ");
}

/** Lower-case tokens with figures in one form ("$40,000" → "40000 dollars", "3 million" → 3000000). */
function plainTokens(text: string): string[] {
  const t = text
    .toLowerCase()
    .replace(/(\d),(?=\d{3}(?!\d))/g, "$1")
    // Russian groups digits with a space, often a non-breaking or thin one: "40 000".
    .replace(/(\d)[ \u00a0\u202f](?=\d{3}(?![\d.,]))/g, "$1")
    .replace(/(\d+(?:\.\d+)?) (million|billion)\b/g, (_, n: string, scale: string) =>
      String(Math.round(Number(n) * (scale === "million" ? 1e6 : 1e9))),
    )
    .replace(/\$\s?(\d+(?:\.\d+)?)/g, "$1 dollars")
    .replace(/(\d)\s?%/g, "$1 percent")
    .replace(/\bper cent\b/g, "percent")
    .replace(/\b([ap])\.\s?m\.?/g, "$1m")
    .replace(/(\d)\s+([ap]) m\b/g, "$1 $2m")
    // Punctuation goes, but not a decimal point between digits nor an apostrophe inside a word.
    .replace(/[^\p{L}\p{N}'.\s]+/gu, " ")
    .replace(/(?<!\d)\.|\.(?!\d)/g, " ")
    .replace(/(?<![\p{L}\p{N}])'+|'+(?![\p{L}\p{N}])/gu, " ");
  return t.split(/\s+/).filter(Boolean);
}

const MAX_VARIANTS = 8;

/**
 * A literal to find case-insensitively. `whole`: a figure at its edge must not run on into more
 * digits ("five" looks for "5", which is not in "50%"); the query as typed is found anywhere.
 */
export type SearchTerm = { text: string; whole: boolean };

/**
 * What a search for `query` looks for: the query as typed, its number words as figures ("forty
 * thousand" → "40,000", "40000") and its figures as words ("40" → "forty", "$5" → "five dollars";
 * English, and Russian words too), so a line is found whichever way its engine wrote the number.
 * Small and bounded: each is one `strpos` or anchored regex per line.
 */
export function searchVariants(query: string): SearchTerm[] {
  const q = query.trim().toLowerCase().replace(/\s+/g, " ");
  if (!q) return [];
  return searchTexts(q).map((text, i) => ({ text, whole: i > 0 }));
}

/** Where `term` next occurs in `lower` (already lower-cased) from `from`, or -1. */
export function indexOfTerm(lower: string, term: SearchTerm, from: number): number {
  const needle = term.text.toLowerCase();
  for (let at = lower.indexOf(needle, from); at !== -1; at = lower.indexOf(needle, at + 1)) {
    if (!term.whole) return at;
    const before = /^\d/.test(needle) && /\d/.test(lower.charAt(at - 1));
    const after = /\d$/.test(needle) && /\d/.test(lower.charAt(at + needle.length));
    if (!before && !after) return at;
  }
  return -1;
}

/**
 * The same test as a POSIX regular expression (PostgreSQL's `~`) over lower-cased text, or null
 * when a plain `strpos` does (nothing at the edges to anchor).
 */
export function termPattern(term: SearchTerm): string | null {
  const needle = term.text.toLowerCase();
  const head = term.whole && /^\d/.test(needle);
  const tail = term.whole && /\d$/.test(needle);
  if (!head && !tail) return null;
  const body = needle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return `${head ? "(^|[^0-9])" : ""}${body}${tail ? "([^0-9]|$)" : ""}`;
}

function searchTexts(q: string): string[] {
  const variants = new Set([q]);
  const words = q.split(" ");
  if (/[a-zа-яё]/i.test(q)) {
    const written = writtenCaption(q, "en").toLowerCase();
    variants.add(written);
    variants.add(withoutGrouping(written));
    const figures = rewriteNumbers(rewriteRussianNumbers(words, { smallAsWords: false }), {
      smallAsWords: false,
    }).join(" ");
    variants.add(figures);
    variants.add(withoutGrouping(figures));
  }
  if (/\d/.test(q)) {
    variants.add(withGrouping(q));
    variants.add(withoutGrouping(q));
    variants.add(inWords(q, "en"));
    variants.add(inWords(q, "ru"));
  }
  return [...variants].filter(Boolean).slice(0, MAX_VARIANTS);
}

const withoutGrouping = (s: string) => s.replace(/(\d),(?=\d{3}(?!\d))/g, "$1");
const withGrouping = (s: string) =>
  withoutGrouping(s).replace(/(?<![\d.])\d{5,}(?![\d.])/g, (n) => Number(n).toLocaleString("en-US"));

/** Figures spelled out the way a recognizer writes them ("$40,000" → "forty thousand dollars"). */
function inWords(s: string, language: "en" | "ru"): string {
  const dollars = language === "ru" ? "долларов" : "dollars";
  const percent = language === "ru" ? "процентов" : "percent";
  return withoutGrouping(s)
    .replace(/\b(\d{1,2}):(\d\d)\b/g, (_, h: string, m: string) => {
      const minutes = Number(m);
      const said =
        minutes === 0
          ? ""
          : minutes < 10
            ? ` oh ${numberInWords(minutes, language)}`
            : ` ${numberInWords(minutes, language)}`;
      return `${numberInWords(Number(h), language)}${said}`;
    })
    .replace(/(\$)?(\d+(?:\.\d+)?)(%)?/g, (_, cur: string | undefined, n: string, pct: string | undefined) =>
      [numberInWords(Number(n), language), cur ? dollars : "", pct ? percent : ""].filter(Boolean).join(" "),
    );
}
