import { isNumberWord, ordinalSuffix, readSpokenNumber, type SpokenNumber } from "./spoken-numbers";
import { rewriteRussianNumbers } from "./spoken-numbers-ru";

/**
 * Captions as a person would write them, from engines that write lower-case words without
 * punctuation (PocketSphinx: "we raised forty thousand dollars in march" → "We raised $40,000 in
 * March"), so they read like Whisper's and Gladia's. Conservative on purpose (as style guides):
 * zero to nine stay words ("one of us", "the first thing") unless a unit, %, currency, a time or a
 * date makes them a figure; 10 and up become digits; a pair of numbers becomes a time only with
 * am/pm or after "at", a year only after "in", "since", … (anything less clear stays as said).
 */
export function writtenCaption(text: string, language: string | null): string {
  const words = text.split(/\s+/).filter(Boolean);
  if (!words.length) return text.trim();
  const english = !language || language.toLowerCase().startsWith("en");
  if (language?.toLowerCase().startsWith("ru")) {
    return capitalizeFirst(rewriteRussianNumbers(words, { smallAsWords: true }).join(" "));
  }
  if (!english) return capitalizeFirst(words.join(" "));
  // Text that has punctuation (another engine's, or the analyzer's input) reads the same: a mark
  // is a token of its own, so a number ends at it ("forty, two" is not 42), and joins back after.
  const tokens = words.flatMap((w) => {
    const m = MERIDIEMS[w.toLowerCase()] ? null : /^(.+?)([,.!?;:]+)$/.exec(w);
    return m ? [m[1]!, m[2]!] : [w];
  });
  const out = casedEnglish(rewriteNumbers(tokens, { smallAsWords: true }));
  return capitalizeFirst(out.reduce((s, t) => (s && !/^[,.!?;:]+$/.test(t) ? `${s} ${t}` : s + t), ""));
}

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
/** Months that are also everyday words: capitalised only where the context says month. */
const AMBIGUOUS_MONTHS = new Set(["march", "may"]);
const MONTH_CUES = new Set(["in", "since", "until", "of", "early", "late", "mid"]);
const YEAR_CUES = new Set(["in", "since", "until", "from", "year", "of", "by", "before", "after"]);
/** Years read as two pairs start 13–20 ("nineteen eighty four"): 11 and 12 are more likely hours. */
const YEAR_CENTURIES = { min: 13, max: 20 };
/** Words after a number that make even a small one a figure (style guides: units, money, %). */
const UNITS = new Set([
  "cents",
  "cent",
  "euros",
  "euro",
  "pounds",
  "degrees",
  "kilometers",
  "kilometres",
  "meters",
  "metres",
  "miles",
  "kilograms",
  "kilos",
  "grams",
  "gigabytes",
  "megabytes",
  "terabytes",
  "milliseconds",
  "am",
  "pm",
]);
const MERIDIEMS: Record<string, string> = { am: "am", pm: "pm", "a.m.": "am", "p.m.": "pm" };

const isMonth = (w: string | undefined) => w !== undefined && MONTHS.includes(w);
const startsWithDigit = (w: string | undefined) => w !== undefined && /^\$?\d/.test(w);

/** "am"/"pm" at `i` ("pm", "p.m.", "p m"), with the index past it. */
function meridiem(words: readonly string[], i: number): { text: string; end: number } | null {
  const w = words[i];
  if (w === undefined) return null;
  if (MERIDIEMS[w]) return { text: MERIDIEMS[w], end: i + 1 };
  if ((w === "a" || w === "p") && words[i + 1] === "m") return { text: `${w}m`, end: i + 2 };
  return null;
}

/** A clock time starting with the hour `h` at `i`: "three thirty pm", "at seven fifteen", "nine am". */
function clockTime(words: readonly string[], i: number, h: SpokenNumber, prev: string | undefined) {
  if (h.ordinal || h.value < 1 || h.value > 12 || h.end !== i + 1) return null;
  let j = h.end;
  let minutes: number | null = null;
  const oh = words[j] === "oh" ? readSpokenNumber(words, j + 1) : null;
  if (oh && !oh.ordinal && oh.value >= 1 && oh.value <= 9) {
    minutes = oh.value;
    j = oh.end;
  } else {
    const m = readSpokenNumber(words, j);
    if (m && !m.ordinal && m.value >= 10 && m.value < 60 && m.end - j <= 2) {
      minutes = m.value;
      j = m.end;
    }
  }
  const mer = meridiem(words, j);
  if (!mer && (minutes === null || prev !== "at")) return null;
  const clock = minutes === null ? `${h.value}` : `${h.value}:${String(minutes).padStart(2, "0")}`;
  return { tokens: mer ? [clock, mer.text] : [clock], end: mer ? mer.end : j };
}

/** "nineteen eighty four" → 1984, "twenty twenty four" → 2024, only after a year cue. */
function year(words: readonly string[], first: SpokenNumber, prev: string | undefined) {
  if (!prev || !(YEAR_CUES.has(prev) || isMonth(prev))) return null;
  if (first.ordinal || first.value < YEAR_CENTURIES.min || first.value > YEAR_CENTURIES.max) return null;
  if (words[first.end] === "oh") {
    const unit = readSpokenNumber(words, first.end + 1);
    if (unit && !unit.ordinal && unit.value >= 1 && unit.value <= 9)
      return { token: `${first.value * 100 + unit.value}`, end: unit.end };
    return null;
  }
  const rest = readSpokenNumber(words, first.end);
  if (!rest || rest.ordinal || rest.value < 10 || rest.value > 99) return null;
  return { token: `${first.value * 100 + rest.value}`, end: rest.end };
}

/** 40000 → "40,000"; four-digit figures (years, "1200") without a comma; "3 million". */
export function figure(n: SpokenNumber): string {
  if (n.trailingScale !== null && n.trailingScale >= 1e6 && n.value / n.trailingScale < 1000) {
    return `${n.value / n.trailingScale} ${n.trailingScale === 1e6 ? "million" : "billion"}`;
  }
  return n.value >= 10000 ? n.value.toLocaleString("en-US") : String(n.value);
}

/**
 * Number words → figures in tokens (matched in any case; other tokens kept as they are).
 * `smallAsWords` keeps zero–nine (and first–ninth) as words in running text; without it every
 * number becomes a figure (the comparison form).
 */
export function rewriteNumbers(tokens: readonly string[], opts: { smallAsWords: boolean }): string[] {
  const words = tokens.map((t) => t.toLowerCase());
  const out: string[] = [];
  let i = 0;
  while (i < words.length) {
    const w = words[i]!;
    const n = isNumberWord(w) ? readSpokenNumber(words, i) : null;
    if (!n) {
      out.push(tokens[i]!);
      i++;
      continue;
    }
    const prev = out[out.length - 1]?.toLowerCase();
    const time = clockTime(words, i, n, prev);
    if (time) {
      out.push(...time.tokens);
      i = time.end;
      continue;
    }
    const y = year(words, n, prev);
    if (y) {
      out.push(y.token);
      i = y.end;
      continue;
    }
    const next = words[n.end];
    const written = figure(n);
    if (!n.ordinal && (next === "percent" || (next === "per" && words[n.end + 1] === "cent"))) {
      out.push(`${written}%`);
      i = n.end + (next === "per" ? 2 : 1);
      continue;
    }
    if (!n.ordinal && (next === "dollars" || (next === "dollar" && n.value === 1))) {
      out.push(`$${written}`);
      i = n.end + 1;
      continue;
    }
    const dated = isMonth(prev) || (next === "of" && isMonth(words[n.end + 1]));
    const small = n.value < 10 && !dated && !(next !== undefined && UNITS.has(next));
    if (small && opts.smallAsWords) {
      out.push(...tokens.slice(i, n.end));
    } else {
      out.push(n.ordinal ? ordinalSuffix(n.value) : written);
    }
    i = n.end;
  }
  return out;
}

/** "i" → "I"; weekdays and months (march and may only next to a date or after "in", "since", …). */
function casedEnglish(tokens: readonly string[]): string[] {
  const words = tokens.map((t) => t.toLowerCase());
  return tokens.map((t, i) => {
    const w = words[i]!;
    if (w === "i" || /^i'(m|ll|ve|d)$/.test(w)) return capitalizeFirst(t);
    if (WEEKDAYS.includes(w)) return capitalizeFirst(t);
    if (!isMonth(w)) return t;
    if (!AMBIGUOUS_MONTHS.has(w)) return capitalizeFirst(t);
    const prev = words[i - 1];
    const dated =
      startsWithDigit(words[i + 1]) || startsWithDigit(prev) || (prev !== undefined && MONTH_CUES.has(prev));
    return dated ? capitalizeFirst(t) : t;
  });
}

const capitalizeFirst = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);
