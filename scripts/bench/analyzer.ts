/**
 * Offline analyzer quality and speed: `npm run bench:analyzer`.
 * Quality on the 15-minute meeting fixture (tests/fixtures/meeting-15min.ts): action items found
 * with the right owner and due date, decisions found. Speed: median of RUNS analyses of the fixture
 * and of longer transcripts made of it repeated (new segment ids, later timestamps).
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { OfflineAnalyzer } from "@/modules/core/analysis/infra/offline-analyzer";
import type { AnalysisInput } from "@/modules/core/analysis/application/analyzer";
import { expectedActionItems, expectedDecisions, meetingInput } from "../../tests/fixtures/meeting-15min";

const RUNS = 5;
const analyzer = new OfflineAnalyzer();

const input = meetingInput();
const result = await analyzer.analyze(input);
let found = 0;
let owners = 0;
let dues = 0;
for (const e of expectedActionItems) {
  const item = result.actionItems.find((a) => a.segmentIds.includes(e.segmentId));
  if (!item) {
    console.log(`  missed: ${e.text}`);
    continue;
  }
  found++;
  if (item.owner?.participantId === e.owner.participantId && item.owner?.userId === e.owner.userId) owners++;
  else console.log(`  wrong owner: ${e.text} → ${item.owner?.name ?? "none"}`);
  if (item.due === e.due) dues++;
}
const decisionIds = new Set(result.decisions.flatMap((d) => d.segmentIds));
const decisionsFound = expectedDecisions.filter((d) => decisionIds.has(d.segmentId)).length;
const n = expectedActionItems.length;
console.log(
  `fixture: ${input.segments.length} segments, ${n} expected action items, ${expectedDecisions.length} decisions`,
);
console.log(`action items found:            ${found}/${n}`);
console.log(`  with the right owner:        ${owners}/${n}`);
console.log(`  with the right due date:     ${dues}/${n}`);
console.log(`  other items reported:        ${result.actionItems.length - found}`);
console.log(
  `decisions found:               ${decisionsFound}/${expectedDecisions.length} (${result.decisions.length} reported)`,
);

function repeated(times: number): AnalysisInput {
  const span = 15 * 60 * 1000;
  const segments = Array.from({ length: times }, (_, k) =>
    input.segments.map((s) => ({
      ...s,
      id: `${s.id}-${k}`,
      startMs: s.startMs! + k * span,
      endMs: s.endMs! + k * span,
      createdAt: new Date(s.createdAt.getTime() + k * span),
    })),
  ).flat();
  return { ...input, segments };
}

for (const times of [1, 5, 20, 55]) {
  const big = repeated(times);
  const ms: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  for (let r = 0; r < (times > 20 ? 1 : RUNS); r++) {
    const t0 = performance.now();
    await analyzer.analyze(big);
    ms.push(performance.now() - t0);
  }
  loop.disable();
  ms.sort((a, b) => a - b);
  const median = ms[Math.floor(ms.length / 2)]!.toFixed(0);
  const block = (loop.max / 1e6).toFixed(0);
  console.log(
    `analyze ${big.segments.length} segments: ${median} ms (median of ${ms.length}), longest event-loop block ${block} ms`,
  );
}
