import type { EvidencedPoint } from "@/lib/db/schema/analysis";

// Closing quotes and brackets may follow the end mark: `He said "done."` ends a sentence.
const ENDED = /[.!?…]["'»”)\]]*$/u;
const TRAILING = /[\s,;:\-–—]+$/u;

/**
 * A point as a sentence: recognizers write lower case without full stops ("we decided to ship on
 * march third"), and a summary of such lines reads as notes, not prose. The first letter is
 * capitalised (after any opening quote) and an end mark added where there is none. Text is
 * otherwise kept as said: figures, names and inner punctuation are the transcript's.
 */
export function asSentence(text: string): string {
  const trimmed = text.replace(/\s+/g, " ").trim().replace(TRAILING, "");
  if (!trimmed) return "";
  const first = trimmed.search(/[\p{L}\p{N}]/u);
  const capitalised =
    first === -1
      ? trimmed
      : trimmed.slice(0, first) + trimmed.charAt(first).toUpperCase() + trimmed.slice(first + 1);
  return ENDED.test(capitalised) ? capitalised : `${capitalised}.`;
}

type Sentenced = {
  summary: string | null;
  summaryPoints: EvidencedPoint[];
  keyPoints: EvidencedPoint[];
  decisions: EvidencedPoint[];
};

/**
 * An analyzer's summary, key points and decisions written as sentences (`asSentence`), whichever
 * analyzer made them, before they are stored. Action items stay as found: they become task
 * titles, which read as imperatives, not prose.
 */
export function asSentences<R extends Sentenced>(result: R): R {
  const points = <P extends EvidencedPoint>(list: P[]) =>
    list.map((p) => ({ ...p, text: asSentence(p.text) }));
  const summaryPoints = points(result.summaryPoints);
  return {
    ...result,
    // The offline analyzer's summary is its points joined: join them again as sentences.
    summary:
      result.summary === result.summaryPoints.map((p) => p.text).join(" ")
        ? summaryPoints.map((p) => p.text).join(" ")
        : result.summary && asSentence(result.summary),
    summaryPoints,
    keyPoints: points(result.keyPoints),
    decisions: points(result.decisions),
  };
}
