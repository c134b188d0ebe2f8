/**
 * Russian cardinal numbers in words ("сорок два", "две тысячи пять", "сто двадцать"), the
 * nominative forms a recognizer writes for a figure said alone or counted; inflected forms
 * ("сорока двух") are left as they are. Same role as `spoken-numbers.ts` for English.
 */

const VALUES = new Map<string, { value: number; rank: "unit" | "teen" | "ten" | "hundred" }>();
const put = (rank: "unit" | "teen" | "ten" | "hundred", words: string[], step: number, first: number) =>
  words.forEach((w, n) => VALUES.set(w, { value: first + n * step, rank }));
put("unit", ["ноль", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"], 1, 0);
put("unit", ["одна", "две"], 1, 1);
VALUES.set("одно", { value: 1, rank: "unit" });
put(
  "teen",
  [
    "десять",
    "одиннадцать",
    "двенадцать",
    "тринадцать",
    "четырнадцать",
    "пятнадцать",
    "шестнадцать",
    "семнадцать",
    "восемнадцать",
    "девятнадцать",
  ],
  1,
  10,
);
put(
  "ten",
  ["двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят", "девяносто"],
  10,
  20,
);
put(
  "hundred",
  ["сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот", "девятьсот"],
  100,
  100,
);

const SCALES = new Map<string, number>();
for (const w of ["тысяча", "тысячи", "тысяч"]) SCALES.set(w, 1e3);
for (const w of ["миллион", "миллиона", "миллионов"]) SCALES.set(w, 1e6);
for (const w of ["миллиард", "миллиарда", "миллиардов"]) SCALES.set(w, 1e9);

/** An inflected numeral ("пятом", "сорока"): a number before it is part of one said in a case form. */
const INFLECTED =
  /^(?:нулев|перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят|одиннадцат|двенадцат|тринадцат|четырнадцат|пятнадцат|шестнадцат|семнадцат|восемнадцат|девятнадцат|двадцат|тридцат|сорок|пятидесят|шестидесят|семидесят|восьмидесят|девяност|сот|двухсот|трёхсот|трехсот|тысячн|миллионн)/;

/** Within a group (below 1000) each rank may come once, in this order: сто, двадцать, три. */
const ORDER = { hundred: 0, ten: 1, teen: 1, unit: 2 } as const;

/** The Russian number starting at `words[i]` (lower-case), or null; `end` is past its last word. */
export function readRussianNumber(
  words: readonly string[],
  i: number,
): { value: number; end: number } | null {
  let total = 0;
  let group = 0;
  let next = 0; // the lowest ORDER the group may still take
  let lastScale = Infinity;
  let at = i;
  for (; at < words.length; at++) {
    const w = words[at]!;
    const scale = SCALES.get(w);
    if (scale !== undefined) {
      // "тысяча" alone is a thousand; a scale must be smaller than the one before it.
      if (scale >= lastScale) break;
      total += (group || 1) * scale;
      lastScale = scale;
      group = 0;
      next = 0;
      continue;
    }
    const v = VALUES.get(w);
    if (!v || ORDER[v.rank] < next || (v.value === 0 && at > i)) break;
    group += v.value;
    next = v.rank === "hundred" ? 1 : v.rank === "ten" ? 2 : 3;
    if (v.value === 0) {
      at++;
      break;
    }
  }
  if (at === i) return null;
  return { value: total + group, end: at };
}

/**
 * Russian number words → figures ("сорок два" → "42", "сорок тысяч" → "40000", no grouping: Russian
 * groups with a (non-breaking) space that engines write in different ways); with `smallAsWords`
 * zero–nine stay words, as in English captions. Other tokens are kept as they are.
 */
export function rewriteRussianNumbers(tokens: readonly string[], opts: { smallAsWords: boolean }): string[] {
  const words = tokens.map((t) => t.toLowerCase());
  const out: string[] = [];
  for (let i = 0; i < words.length;) {
    const n = readRussianNumber(words, i);
    if (!n) {
      out.push(tokens[i++]!);
      continue;
    }
    const after = words[n.end];
    const inflected =
      after !== undefined && !VALUES.has(after) && !SCALES.has(after) && INFLECTED.test(after);
    if (inflected || (opts.smallAsWords && n.value < 10)) out.push(...tokens.slice(i, n.end));
    else out.push(String(n.value));
    i = n.end;
  }
  return out;
}
