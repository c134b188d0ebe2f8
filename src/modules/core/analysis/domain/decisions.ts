import type { EvidencedPoint } from "@/lib/db/schema/analysis";
import { DECISION_RU, NOT_DECIDED_RU } from "./rules-ru";
import type { Sentence } from "./text";

const DECISION =
  /\b(we(?:'ve| have)? decided|decided to|decision is|decision:|let'?s go with|let us go with|we(?:'ll| will| are|'re) going with|we(?:'ll| will) go with|(?:we|everyone|all) agreed|(?:we're|we are|so) agreed|it'?s agreed|we agree (?:to|that|on)|settled on|we(?:'ll| will) stick with|final call is|approved)\b/i;
// "haven't decided", "not agreed yet", "should we go with …?" are not decisions.
const NOT_DECIDED =
  /\b(not|haven't|hasn't|didn't|don't|never|no one|nobody|yet to|undecided)\b[^.]*\b(decid|agree|settled|approv)|\b(if|unless|whether)\b[^.]*\b(decid|agree)/i;

export function findDecisions(sentences: Sentence[]): EvidencedPoint[] {
  return sentences
    .filter(
      (s) =>
        !s.text.trim().endsWith("?") &&
        ((DECISION.test(s.text) && !NOT_DECIDED.test(s.text)) ||
          (DECISION_RU.test(s.text) && !NOT_DECIDED_RU.test(s.text))),
    )
    .map((s) => ({ text: s.text, segmentIds: [s.segmentId] }));
}
