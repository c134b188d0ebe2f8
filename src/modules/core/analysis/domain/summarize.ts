import type { EvidencedPoint } from "@/lib/db/schema/analysis";
import { terms, type Sentence } from "./text";

const DAMPING = 0.85;
const ITERATIONS = 30;
// Each sentence is compared with this many neighbours either side: linear time on long meetings
// (a 10,000-segment transcript would otherwise cost ~50M comparisons), and topics are local anyway.
const WINDOW = 400;
// The web process runs analyses too: give the event loop a turn every this many rows.
const ROWS_PER_TURN = 25;

/**
 * TextRank over TF-IDF vectors: a sentence is central when it resembles many other central sentences.
 * Returns one score per sentence (same order); short or question sentences score 0 so they are
 * never picked as summary material.
 */
export async function rankSentences(sentences: Sentence[]): Promise<number[]> {
  const bags = sentences.map((s) => terms(s.text));
  const df = new Map<string, number>();
  for (const bag of bags) for (const t of new Set(bag)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = sentences.length;
  const nodes = sentences.map((s, i) => {
    const bag = bags[i] ?? [];
    const tf = new Map<string, number>();
    for (const t of bag) tf.set(t, (tf.get(t) ?? 0) + 1);
    const vector = new Map<string, number>();
    let norm = 0;
    for (const [t, f] of tf) {
      const w = f * Math.log(1 + n / (df.get(t) ?? 1));
      vector.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, w] of vector) vector.set(t, w / norm);
    return {
      vector,
      length: bag.length,
      eligible: bag.length >= 3 && !s.text.trim().endsWith("?"),
      edges: [] as { node: number; w: number }[],
      out: 0,
      score: 0,
    };
  });
  const eligible = nodes.filter((x) => x.eligible);
  for (let i = 0; i < eligible.length; i++) {
    if (i % ROWS_PER_TURN === ROWS_PER_TURN - 1) await new Promise((resolve) => setImmediate(resolve));
    for (let j = i + 1; j < Math.min(eligible.length, i + 1 + WINDOW); j++) {
      const a = eligible[i]!;
      const b = eligible[j]!;
      const [small, large] = a.vector.size < b.vector.size ? [a.vector, b.vector] : [b.vector, a.vector];
      let sim = 0;
      for (const [t, w] of small) sim += w * (large.get(t) ?? 0);
      if (sim <= 0) continue;
      a.edges.push({ node: j, w: sim });
      b.edges.push({ node: i, w: sim });
      a.out += sim;
      b.out += sim;
    }
  }
  for (const x of eligible) x.score = 1;
  for (let it = 0; it < ITERATIONS; it++) {
    await new Promise((resolve) => setImmediate(resolve));
    const next = eligible.map((x) => {
      let sum = 0;
      for (const { node, w } of x.edges) {
        const other = eligible[node]!;
        sum += (w / other.out) * other.score;
      }
      return 1 - DAMPING + DAMPING * sum;
    });
    eligible.forEach((x, k) => (x.score = next[k] ?? 0));
  }
  // Slightly favour sentences with substance over short agreements that echo a topic word.
  return nodes.map((x) => (x.eligible ? x.score * Math.log(2 + x.length) : 0));
}

function point(s: Sentence): EvidencedPoint {
  return { text: s.text, segmentIds: [s.segmentId] };
}

/** The `count` best sentences, in the order they were said. */
export function summarize(sentences: Sentence[], scores: number[], count: number): Sentence[] {
  return sentences
    .map((s, i) => ({ s, score: scores[i] ?? 0 }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.s.index - b.s.index)
    .slice(0, count)
    .map((x) => x.s)
    .sort((a, b) => a.index - b.index);
}

/**
 * One point per stretch of the meeting (its sentences cut into `sections` equal runs): the best
 * sentence of each that the summary does not already hold, so key points cover the whole meeting.
 */
export function keyPoints(
  sentences: Sentence[],
  scores: number[],
  sections: number,
  exclude: Set<number>,
): EvidencedPoint[] {
  const out: EvidencedPoint[] = [];
  const size = Math.ceil(sentences.length / Math.max(1, sections));
  for (let start = 0; start < sentences.length; start += size) {
    let best: Sentence | null = null;
    let bestScore = 0;
    for (let i = start; i < Math.min(start + size, sentences.length); i++) {
      const score = scores[i] ?? 0;
      if (!exclude.has(i) && score > bestScore) {
        best = sentences[i] ?? null;
        bestScore = score;
      }
    }
    if (best) out.push(point(best));
  }
  return out;
}

export function toPoints(sentences: Sentence[]): EvidencedPoint[] {
  return sentences.map(point);
}
