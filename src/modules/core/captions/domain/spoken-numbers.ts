import { toCardinal as englishWords } from "n2words/en-US";
import { toCardinal as russianWords } from "n2words/ru-RU";

/**
 * English number words as a recognizer writes them ("forty two", "two thousand and five", "twenty
 * first"): the grammar of spoken cardinals and ordinals, read token by token. Written by hand
 * because the general NLP libraries read spoken sequences as one number ("two thirty" → 230,
 * "nineteen eighty four" → 19 80 4) and cost ~2 ms a sentence; this grammar is what lets
 * `caption-text.ts` decide times and years itself. Numbers → words goes the other way with n2words.
 */

/** Number words, shared with the word error rate scorer (`word-error-rate.ts`). */
export const UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
const TEENS = [
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const UNIT_ORDINALS = [
  "zeroth",
  "first",
  "second",
  "third",
  "fourth",
  "fifth",
  "sixth",
  "seventh",
  "eighth",
  "ninth",
];
export const SCALES: Readonly<Record<string, number>> = { thousand: 1e3, million: 1e6, billion: 1e9 };

const small = new Map<string, number>();
/** "zero" … "nineteen", "twenty" … "ninety" → their values. */
export const SMALL_NUMBERS: ReadonlyMap<string, number> = small;
const ordinals = new Map<string, number>();
UNITS.forEach((w, n) => small.set(w, n));
TEENS.forEach((w, n) => small.set(w, 10 + n));
TENS.forEach((w, n) => w && small.set(w, n * 10));
UNIT_ORDINALS.forEach((w, n) => ordinals.set(w, n));
TEENS.forEach((w, n) => ordinals.set(w === "twelve" ? "twelfth" : `${w}th`, 10 + n));
TENS.forEach((w, n) => w && ordinals.set(`${w.slice(0, -1)}ieth`, n * 10));
ordinals.set("hundredth", 100).set("thousandth", 1e3).set("millionth", 1e6);

/** Is `word` a number word at all (cheap pre-check before parsing)? */
export const isNumberWord = (word: string) =>
  small.has(word) || ordinals.has(word) || word === "hundred" || word in SCALES;

export type SpokenNumber = {
  value: number;
  /** Index just past the number's last token. */
  end: number;
  ordinal: boolean;
  /** The largest scale word it ends on with nothing after ("three million"), for "3 million". */
  trailingScale: number | null;
};

/** A number below 100 at `i` ("forty two", "seventeen", "nine"), or null. */
function belowHundred(
  words: readonly string[],
  i: number,
): { value: number; end: number; ordinal: boolean } | null {
  const w = words[i];
  if (w === undefined) return null;
  const ord = ordinals.get(w);
  if (ord !== undefined && ord < 100) return { value: ord, end: i + 1, ordinal: true };
  const n = small.get(w);
  if (n === undefined) return null;
  // "forty two", "twenty first": a tens word takes one unit after it.
  const next = words[i + 1];
  if (n >= 20 && n % 10 === 0 && next !== undefined) {
    const unit = small.get(next);
    if (unit !== undefined && unit > 0 && unit < 10) return { value: n + unit, end: i + 2, ordinal: false };
    const unitOrd = ordinals.get(next);
    if (unitOrd !== undefined && unitOrd > 0 && unitOrd < 10)
      return { value: n + unitOrd, end: i + 2, ordinal: true };
  }
  return { value: n, end: i + 1, ordinal: false };
}

/**
 * The spoken number starting at `words[i]` (lower-case tokens), read as far as the grammar goes:
 * [below-100 "hundred" ["and"] below-100] scale ["and"] … — or null when no number starts there.
 * Zero only stands alone; "and" is taken only between a hundred/scale and what follows it.
 */
export function readSpokenNumber(words: readonly string[], i: number): SpokenNumber | null {
  let total = 0;
  let group = 0;
  let at = i;
  let lastScale = Infinity;
  let trailingScale: number | null = null;
  let started = false;
  for (;;) {
    let w = words[at];
    if (started && w === "and" && (group % 100 === 0 || group === 0) && belowHundred(words, at + 1)) {
      w = words[++at];
    }
    if (w === undefined) break;
    if (w === "hundred" || w === "hundredth") {
      // "twelve hundred", "two hundred"; a hundred needs a number before it, and only one.
      if (group === 0 || group >= 100) break;
      group *= 100;
      at++;
      trailingScale = null;
      if (w === "hundredth") return { value: total + group, end: at, ordinal: true, trailingScale: null };
      continue;
    }
    const scale = SCALES[w] ?? (w.endsWith("th") ? SCALES[w.slice(0, -2)] : undefined);
    if (scale !== undefined) {
      if (group === 0 || scale >= lastScale) break;
      total += group * scale;
      group = 0;
      lastScale = scale;
      at++;
      trailingScale = scale;
      if (w.endsWith("th")) return { value: total, end: at, ordinal: true, trailingScale: null };
      continue;
    }
    // Below 100: only at the start, after a hundred, or after a scale.
    if (started && group % 100 !== 0) break;
    const part = belowHundred(words, at);
    if (!part || (started && part.value === 0)) break;
    if (!started && part.value === 0)
      return { value: 0, end: part.end, ordinal: part.ordinal, trailingScale: null };
    group += part.value;
    at = part.end;
    started = true;
    trailingScale = null;
    if (part.ordinal) return { value: total + group, end: at, ordinal: true, trailingScale: null };
  }
  if (!started) return null;
  return { value: total + group, end: at, ordinal: false, trailingScale };
}

/** "1st", "2nd", "3rd", "11th", "22nd". */
export function ordinalSuffix(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return `${n}th`;
  return `${n}${["th", "st", "nd", "rd"][n % 10] ?? "th"}`;
}

/** A number in words as a recognizer writes it: lower case, no hyphens or commas. */
export function numberInWords(n: number, language: "en" | "ru"): string {
  const words = language === "ru" ? russianWords(n) : englishWords(n);
  return words.replace(/[-,]/g, " ").replace(/\s+/g, " ").trim().toLowerCase();
}
