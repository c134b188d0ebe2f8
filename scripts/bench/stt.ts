/**
 * Local speech recognition figures (`npm run bench:stt`), for every installed engine
 * (scripts/bench/stt-engines.ts: PocketSphinx, and each installed Whisper model):
 *
 * 1. accuracy: word error rate on real human speech from registry packages
 *    (tests/fixtures/human-speech.json) and on festival's meeting sentences, CPU seconds per second
 *    of speech, partial interval, end of speech → final p50/p95, the worker's peak RSS;
 * 2. throughput: audio transcribed per second of wall time with N concurrent streams fed as fast
 *    as the worker reads them, and final lag in real time;
 * 3. capacity: concurrent real-time speakers 1 and N workers carry within the lag budget (no audio
 *    shed, final lag p95 under the hard bound).
 *
 * Then one markdown table of the figures per engine (docs/benchmarks.md).
 * `--accuracy-only`, `--capacity-only` run one part; `--engines=pocket,tiny` picks engines by name.
 */
import os from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { CHUNK_BYTES, CHUNK_MS, audioSeconds } from "../../src/modules/core/captions/domain/audio";
import { DEFAULT_LAG_BUDGET } from "../../src/modules/core/captions/infra/pocketsphinx-provider";
import type { ProviderTranscript } from "../../src/modules/core/captions/application/stt-provider";
import { wordErrorRate } from "../../src/modules/core/captions/domain/word-error-rate";
import { warmWorkers } from "../../tests/support/local-stt";
import { MEETING_SENTENCES, chunks, speechPcm16k } from "../../tests/support/speech";
import { humanSpeechClips } from "./human-speech";
import { measureAccuracy, type Accuracy } from "./stt-accuracy";
import { installedEngines, type BenchEngine } from "./stt-engines";
import { peakRssMb, workerPids } from "../../tests/support/worker-procs";

const speech = speechPcm16k({ sentences: MEETING_SENTENCES, leadingSilenceMs: 300, trailingSilenceMs: 800 });
const parts = chunks(speech.pcm, CHUNK_BYTES);
const seconds = audioSeconds(speech.pcm.length);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

async function run(engine: BenchEngine, streams: number, realTime: boolean, workers: number) {
  const provider = engine.create({ workers, realTime });
  let droppedBytes = 0;
  // Streams told "busy" (every decoder of their worker lent): their words are lost, not late.
  const busy = new Set<number>();
  await warmWorkers(provider, workers);
  const results = await Promise.all(
    Array.from({ length: streams }, async (_, i) => {
      const got: ProviderTranscript[] = [];
      const arrivedAt = new Map<string, number>();
      const stream = await provider.openStream({
        language: "en",
        streamId: `bench-${i}`,
        onTranscript: (t) => {
          got.push(t);
          if (t.isFinal) arrivedAt.set(t.id, performance.now());
        },
        onError: (e) => console.error(`stream ${i}: ${e.code} ${e.reason}`),
        onWarning: (w) => w.code === "stt_busy" && busy.add(i),
        onDropped: (bytes) => (droppedBytes += bytes),
      });
      return { stream, got, arrivedAt };
    }),
  );
  const start = performance.now();
  // How far behind its schedule this process wrote (a starved machine): that part of a final's
  // lag is not the recognizer's.
  let writerLateMs = 0;
  for (let c = 0; c < parts.length; c++) {
    writerLateMs = Math.max(writerLateMs, performance.now() - (start + c * CHUNK_MS));
    for (const r of results) r.stream.write(parts[c]!);
    if (realTime) await sleep(Math.max(0, start + (c + 1) * CHUNK_MS - performance.now()));
  }
  // Finals after this came from a close's drain: held audio within the bound goes to the worker at
  // once and is decoded past the budget (every stream closes together here, as no meeting does).
  const closedAt = performance.now();
  await Promise.all(results.map((r) => r.stream.close()));
  const wall = (performance.now() - start) / 1000;
  const rss = peakRssMb(workerPids(engine.workerMarker));
  await provider.shutdown();

  const wer = results.map((r) =>
    wordErrorRate(
      speech.text,
      r.got
        .filter((t) => t.isFinal)
        .map((t) => t.text)
        .join(" "),
    ),
  );
  // when the utterance's audio had been written in full (real time: its end offset on the clock)
  const timed = results.flatMap((r) =>
    r.got
      .filter((t) => t.isFinal && t.endMs !== null)
      .map((t) => ({ at: r.arrivedAt.get(t.id)!, lag: r.arrivedAt.get(t.id)! - (start + t.endMs!) })),
  );
  const lags = timed.filter((t) => t.at < closedAt).map((t) => t.lag);
  const drainLags = timed.filter((t) => t.at >= closedAt).map((t) => t.lag);
  return {
    wall,
    rss,
    wer,
    busy: busy.size,
    lags,
    drainLags,
    writerLateMs,
    droppedShare: droppedBytes / (streams * speech.pcm.length),
  };
}

async function throughput(engine: BenchEngine) {
  console.log(`\n${engine.name}: throughput (${seconds.toFixed(1)} s per stream, ${CHUNK_MS} ms chunks)`);
  console.log(
    "mode        workers streams  wall s  audio÷wall  worker peak RSS  WER (max)  final lag p50 / p95",
  );
  const runs = [
    [1, 1, false],
    [1, 2, false],
    [1, 4, false],
    [1, 8, false],
    [2, 8, false],
    [1, 1, true],
    [1, 4, true],
    [2, 4, true],
  ] as const;
  for (const [workers, streams, realTime] of runs) {
    const r = await run(engine, streams, realTime, workers);
    const all = [...r.lags, ...r.drainLags];
    const lag = realTime ? `${pct(all, 50).toFixed(0)} / ${pct(all, 95).toFixed(0)} ms` : "–";
    console.log(
      [
        (realTime ? "real time" : "max speed").padEnd(11),
        String(workers).padStart(7),
        String(streams).padStart(7),
        r.wall.toFixed(1).padStart(7),
        `${((streams * seconds) / r.wall).toFixed(1)}×`.padStart(11),
        `${r.rss.toFixed(0)} MB`.padStart(16),
        `${(Math.max(...r.wer) * 100).toFixed(1)} %`.padStart(10),
        `  ${lag}`,
      ].join(" "),
    );
  }
}

/**
 * Real-time speakers one machine carries within the lag budget: streams are added (1, 2, 3, 4,
 * 6, 8, …) until one run sheds audio, tells a stream "busy", loses words (WER over one speaker's by
 * 5 points) or its final lag p95 passes the hard bound. The p95 is of the finals that arrived while
 * the streams were live; the ones a close drained are shown apart.
 */
async function capacity(engine: BenchEngine): Promise<Map<number, number>> {
  const cores = os.availableParallelism();
  console.log(
    `\n${engine.name}: capacity in real time (lag target ${DEFAULT_LAG_BUDGET.targetMs} ms, bound ${DEFAULT_LAG_BUDGET.boundMs} ms, ${cores} cores)`,
  );
  console.log(
    "workers  streams  shed audio  told busy  WER (max)  final lag p50 / p95  after close (n, max)  writer late (max)  within bound",
  );
  const carriedBy = new Map<number, number>();
  for (const workers of [...new Set([1, cores])]) {
    let carried = 0;
    // One speaker's word error rate: more speakers may not lose words (a stream told busy does).
    let soloWer: number | null = null;
    for (const streams of [1, 2, 3, 4, 6, 8, 12, 16]) {
      const r = await run(engine, streams, true, workers);
      const p95 = pct(r.lags, 95);
      const wer = Math.max(...r.wer);
      soloWer ??= wer;
      const ok =
        r.droppedShare === 0 && r.busy === 0 && wer <= soloWer + 0.05 && p95 <= DEFAULT_LAG_BUDGET.boundMs;
      console.log(
        [
          String(workers).padStart(7),
          String(streams).padStart(8),
          `${(r.droppedShare * 100).toFixed(1)} %`.padStart(11),
          String(r.busy).padStart(10),
          `${(wer * 100).toFixed(1)} %`.padStart(10),
          `${pct(r.lags, 50).toFixed(0)} / ${p95.toFixed(0)} ms`.padStart(19),
          `${r.drainLags.length}, ${r.drainLags.length ? Math.max(...r.drainLags).toFixed(0) : "–"} ms`.padStart(
            21,
          ),
          `${r.writerLateMs.toFixed(0)} ms`.padStart(18),
          ok ? "  yes" : "  no",
        ].join(" "),
      );
      if (!ok) break;
      carried = streams;
    }
    console.log(`=> ${workers} worker(s): ${carried} concurrent real-time speaker(s) within the bound`);
    carriedBy.set(workers, carried);
  }
  return carriedBy;
}

function printAccuracy(engine: BenchEngine, a: Accuracy) {
  console.log(`\n${engine.name}: per clip (real time, one clip per stream)`);
  for (const c of a.clips) {
    const lags = c.finalLags.map((ms) => ms.toFixed(0)).join(", ");
    console.log(
      `  ${c.id.padEnd(17)} ${`${c.errors}/${c.words}`.padStart(5)}  final lag ${lags} ms  «${c.hypothesis}»`,
    );
  }
}

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const only = (name: string) => process.argv.includes(`--${name}-only`);
const engines = await installedEngines(arg("engines")?.split(","));
const human = only("capacity") ? [] : humanSpeechClips();
const festival = [{ id: "festival-meeting", reference: speech.text, pcm: speech.pcm, seconds }];
const rows: string[] = [];
for (const engine of engines) {
  const a = only("capacity") ? null : await measureAccuracy(engine, { human, festival });
  if (a) printAccuracy(engine, a);
  if (!only("accuracy") && !only("capacity")) await throughput(engine);
  const carried = only("accuracy") ? null : await capacity(engine);
  const cell = (x: string | undefined) => x ?? "–";
  const w = (set: string) =>
    a ? `${(a.wer[set]!.rate * 100).toFixed(1)} % (${a.wer[set]!.errors}/${a.wer[set]!.words})` : undefined;
  rows.push(
    [
      engine.name,
      cell(w("human")),
      cell(w("festival")),
      cell(a?.cpuPerSpeechSecond.toFixed(2)),
      cell(a && a.partialGaps.length ? `${pct(a.partialGaps, 50).toFixed(0)} ms` : undefined),
      cell(a ? `${pct(a.finalLags, 50).toFixed(0)} / ${pct(a.finalLags, 95).toFixed(0)} ms` : undefined),
      cell(a ? `${a.peakRssMb.toFixed(0)} MB` : undefined),
      cell(carried ? [...carried.values()].join(" / ") : undefined),
    ].join(" | "),
  );
}
const cores = os.availableParallelism();
console.log(
  `\n| engine | WER human speech | WER festival | CPU s per speech s | partial interval (median) | end of speech → final p50 / p95 | worker peak RSS | real-time speakers within ${DEFAULT_LAG_BUDGET.boundMs / 1000} s (1 / ${cores} workers) |`,
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
for (const r of rows) console.log(`| ${r} |`);
