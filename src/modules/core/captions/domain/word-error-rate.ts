/**
 * Word error rate of a transcript against a reference, as speech recognizers are judged: the
 * word-level edit distance (substitutions + deletions + insertions) over the reference's words,
 * after both sides are brought to one spelling (`scoringWords`). Recognizers differ in how they
 * write the same speech — "$40,000" or "forty thousand dollars", "Mr." or "mister", "2 9 3" or
 * "two nine three" — and a score must not count those as errors.
 *
 * Scoring only: this is not how captions or search spell numbers (the number words are shared).
 */

import { SCALES, SMALL_NUMBERS as SMALL, UNITS } from "./spoken-numbers";

/** Abbreviations recognizers write where references spell the word out. */
const SPELLED = new Map([
  ["mr", "mister"],
  ["mrs", "missus"],
  ["dr", "doctor"],
]);

/**
 * Lower case, punctuation gone, abbreviations spelled out, and every number as one token of
 * digits: "$40,000" and "forty thousand dollars" both give ["40000", "dollars"]. A run of digits
 * said one by one ("two nine three four oh", "2 9 3 4 0") is one token too ("29340"), as is a
 * year said in pairs ("nineteen sixty one" → "1961").
 */
export function scoringWords(text: string): string[] {
  const spaced = text
    .toLowerCase()
    .replace(/(\d),(?=\d{3}\b)/g, "$1")
    .replace(/\$\s*(\d+(?:\.\d+)?)(\s+(?:thousand|million|billion)\b)?/g, "$1$2 dollars ")
    .replace(/(\d)\s*%/g, "$1 percent ")
    .replace(/[‘’]/g, "'")
    .replace(/[^a-z0-9.' ]+/g, " ")
    .replace(/\.(?!\d)|(?<!\d)\./g, " ")
    .replace(/(^|\s)'+|'+(?=\s|$)/g, " ");
  const words = spaced
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => SPELLED.get(w) ?? w);
  return joinNumbers(words);
}

type Piece = { kind: "word" | "number"; text: string };

const isDigit = (p: Piece | undefined) => p?.kind === "number" && /^\d$/.test(p.text);
const isPair = (p: Piece | undefined) => p?.kind === "number" && /^[1-9]\d$/.test(p.text);

/** Turns spelled numbers into digits and merges digits said one by one into one token. */
function joinNumbers(words: string[]): string[] {
  const pieces: Piece[] = [];
  for (let i = 0; i < words.length;) {
    const parsed = parseNumber(words, i);
    if (parsed) {
      pieces.push({ kind: "number", text: parsed.text });
      i = parsed.next;
    } else {
      pieces.push({ kind: /^\d+(\.\d+)?$/.test(words[i]!) ? "number" : "word", text: words[i]! });
      i++;
    }
  }
  // "oh" is a zero only among other digits said one by one (TIDIGITS "three five oh").
  const digits = pieces.map((p, k) =>
    p.kind === "word" &&
    (p.text === "oh" || p.text === "o") &&
    (isDigit(pieces[k - 1]) || isDigit(pieces[k + 1]))
      ? { kind: "number" as const, text: "0" }
      : p,
  );
  const out: string[] = [];
  let run: "digits" | "year" | null = null;
  digits.forEach((p, k) => {
    const prev = digits[k - 1];
    if (isDigit(p) && run !== "year" && isDigit(prev)) {
      out[out.length - 1] += p.text;
      run = "digits";
    } else if (isPair(p) && run === null && isPair(prev)) {
      // a year said in two pairs: "nineteen sixty one", "twenty twenty six"
      out[out.length - 1] += p.text;
      run = "year";
    } else {
      out.push(p.text);
      run = null;
    }
  });
  return out;
}

/**
 * A spelled cardinal starting at `start` ("forty thousand", "one hundred and five", "three point
 * five"), as digits, with the index after it; null when no number word is there.
 */
function parseNumber(words: string[], start: number): { text: string; next: number } | null {
  let total = 0;
  let group = 0;
  let i = start;
  let last: "unit" | "teen" | "tens" | "hundred" | "scale" | null = null;
  // "5 million", as recognizers write large amounts
  if (/^\d+$/.test(words[i]!) && Object.hasOwn(SCALES, words[i + 1] ?? "")) {
    group = Number(words[i]);
    last = "tens";
    i++;
  }
  while (i < words.length) {
    const w = words[i]!;
    const small = SMALL.get(w);
    if (small !== undefined) {
      const kind = small < 10 ? "unit" : small < 20 ? "teen" : "tens";
      // digits said one by one, or two pairs, are separate numbers: stop before the second
      const fits =
        last === null || last === "hundred" || last === "scale" || (last === "tens" && kind === "unit");
      if (!fits) break;
      group += small;
      last = kind;
    } else if (w === "hundred" && last !== null && last !== "hundred" && last !== "scale" && group > 0) {
      group *= 100;
      last = "hundred";
    } else if (Object.hasOwn(SCALES, w) && last !== null && last !== "scale") {
      total += group * SCALES[w]!;
      group = 0;
      last = "scale";
    } else if (w === "and" && (last === "hundred" || last === "scale") && SMALL.has(words[i + 1] ?? "")) {
      // "one hundred and five"
    } else {
      break;
    }
    i++;
  }
  if (last === null) return null;
  let text = String(total + group);
  // "three point five": digits after the point are said one by one
  if (words[i] === "point" && UNITS.includes(words[i + 1] ?? "")) {
    text += ".";
    i++;
    while (UNITS.includes(words[i] ?? "")) text += String(UNITS.indexOf(words[i++]!));
  }
  return { text, next: i };
}

export type WordErrors = {
  /** Reference tokens after `scoringWords`. */
  words: number;
  substitutions: number;
  deletions: number;
  insertions: number;
};

/** Edit operations between the reference's and the hypothesis's scoring words. */
export function wordErrors(reference: string, hypothesis: string): WordErrors {
  const ref = scoringWords(reference);
  const hyp = scoringWords(hypothesis);
  type Cell = { cost: number; s: number; d: number; i: number };
  let prev: Cell[] = hyp.map((_, j) => ({ cost: j, s: 0, d: 0, i: j }));
  prev.push({ cost: hyp.length, s: 0, d: 0, i: hyp.length });
  for (let r = 1; r <= ref.length; r++) {
    const cur: Cell[] = [{ cost: r, s: 0, d: r, i: 0 }];
    for (let h = 1; h <= hyp.length; h++) {
      const same = ref[r - 1] === hyp[h - 1];
      const diag = prev[h - 1]!;
      const up = prev[h]!;
      const left = cur[h - 1]!;
      const sub = { ...diag, cost: diag.cost + (same ? 0 : 1), s: diag.s + (same ? 0 : 1) };
      const del = { ...up, cost: up.cost + 1, d: up.d + 1 };
      const ins = { ...left, cost: left.cost + 1, i: left.i + 1 };
      cur.push([sub, del, ins].reduce((a, b) => (b.cost < a.cost ? b : a)));
    }
    prev = cur;
  }
  const end = prev[hyp.length]!;
  return { words: ref.length, substitutions: end.s, deletions: end.d, insertions: end.i };
}

/** Errors over reference words: 0 is perfect; it can exceed 1 when the hypothesis adds words. */
export function wordErrorRate(reference: string, hypothesis: string): number {
  const e = wordErrors(reference, hypothesis);
  const errors = e.substitutions + e.deletions + e.insertions;
  return e.words === 0 ? (errors === 0 ? 0 : 1) : errors / e.words;
}
