import { comparableText } from "@/modules/core/transcripts/domain/comparable-text";

/** A sentence of the transcript and the segment it was said in. */
export type Sentence = { index: number; segmentIndex: number; segmentId: string; text: string };

// English only: the offline analyzer's rules are English; other languages get frequency-only scoring.
const STOPWORDS = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before being below " +
    "between both but by can could did do does doing down during each few for from further had has have " +
    "having he her here hers herself him himself his how i if in into is it its itself just let lets me more " +
    "most my myself no nor not now of off on once only or other our ours ourselves out over own same she " +
    "should so some such than that the their theirs them themselves then there these they this those " +
    "through to too under until up very was we were what when where which while who whom why will with " +
    "would you your yours yourself yourselves yeah yes okay ok um uh like right so well really think " +
    "know mean gonna actually sure thing things get got go going one just maybe kind sort lot bit " +
    "i'm i'll i've i'd we're we'll we've you're you'll it's that's there's don't doesn't didn't can't " +
    "won't isn't aren't wasn't let's " +
    // Russian
    "и в во не что он на я с со как а то все всё она так его но да ты к у же вы за бы по только ее её мне " +
    "было вот от меня еще ещё нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до " +
    "вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их " +
    "чем была сам чтоб без будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой " +
    "совсем ним здесь этом один почти мой тем чтобы нее неё сейчас были куда зачем всех никогда можно при " +
    "наконец два об другой хоть после над больше тот через эти нас про всего них какая много разве три эту " +
    "моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им более всегда конечно всю между " +
    "это как бы вообще короче типа просто давайте"
  ).split(/\s+/),
);

/** Splits each segment into sentences; a sentence never spans segments, so its evidence is exact. */
export function splitSentences(segments: { id: string; text: string }[]): Sentence[] {
  const out: Sentence[] = [];
  segments.forEach((seg, segmentIndex) => {
    const parts = seg.text
      .replace(/\s+/g, " ")
      .trim()
      .split(/(?<=[.!?…])\s+(?=[\p{Lu}\p{N}"'«])/u);
    for (const part of parts) {
      const text = part.trim();
      if (text) out.push({ index: out.length, segmentIndex, segmentId: seg.id, text });
    }
  });
  return out;
}

export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
}

/**
 * Content words with a crude suffix strip, so "release", "released" and "releases" count as one;
 * numbers in one form, so "$40,000" and "forty thousand dollars" are the same terms.
 */
export function terms(text: string): string[] {
  return words(comparableText(text))
    .filter((w) => w.length > 2 && !STOPWORDS.has(w))
    .map((w) => w.replace(/'s$/, "").replace(/(ing|ed|es|s)$/, (m, _s, off: number) => (off > 3 ? "" : m)));
}

/** Lower case, punctuation and extra spaces removed: the form item keys are computed from. */
export function normalizeText(text: string): string {
  return words(text).join(" ");
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
