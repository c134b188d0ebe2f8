/**
 * Local speech recognition figures (`npm run bench:stt`): how much audio one PocketSphinx worker
 * transcribes per second of wall time with N concurrent streams fed as fast as it reads them, and,
 * fed in real time, how long after an utterance's last audio its final arrives; and how many
 * concurrent real-time speakers 1 and N workers carry within the lag budget (no audio shed, final
 * lag p95 under the hard bound). Festival's SLT voice reads the meeting sentences of the tests
 * (20.6 s of audio per stream). `--capacity-only` skips the first table.
 */
import { execFileSync } from "node:child_process";
import os from "node:os";
import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { CHUNK_BYTES, CHUNK_MS, audioSeconds } from "../../src/modules/core/transcription/domain/audio";
import {
  DEFAULT_LAG_BUDGET,
  createPocketSphinxProvider,
} from "../../src/modules/core/transcription/infra/pocketsphinx-provider";
import type { ProviderTranscript } from "../../src/modules/core/transcription/application/stt-provider";
import { MEETING_SENTENCES, chunks, speechPcm16k, wordErrorRate } from "../../tests/support/speech";

const python = execFileSync("bash", ["scripts/install-stt.sh", "--print-python"], {
  encoding: "utf8",
}).trim();
const speech = speechPcm16k({ sentences: MEETING_SENTENCES, leadingSilenceMs: 300, trailingSilenceMs: 800 });
const parts = chunks(speech.pcm, CHUNK_BYTES);
const seconds = audioSeconds(speech.pcm.length);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

/** Peak resident memory of this process's worker children together (kB), from /proc. */
function workerPeakRssKb(): number {
  const out = execFileSync("ps", ["--ppid", String(process.pid), "-o", "pid=,args="], { encoding: "utf8" });
  return out
    .split("\n")
    .filter((l) => l.includes("pocketsphinx_worker.py"))
    .map((l) => readFileSync(`/proc/${l.trim().split(/\s+/)[0]}/status`, "utf8"))
    .reduce((kb, status) => kb + Number(status.match(/VmHWM:\s+(\d+)/)?.[1]), 0);
}

/** Max-speed runs measure throughput: nothing may be shed. Real-time runs use the ws server's budget. */
const UNBOUNDED = { targetMs: 3_600_000, boundMs: 3_600_000 };

async function run(streams: number, realTime: boolean, workers: number) {
  const provider = createPocketSphinxProvider({
    python,
    workers,
    lag: realTime ? DEFAULT_LAG_BUDGET : UNBOUNDED,
    busyMs: 3_600_000,
    closeTimeoutMs: 600_000,
  });
  let droppedBytes = 0;
  // warm: every worker loads its model before the clock starts (idle streams spread one per worker)
  const warm = await Promise.all(
    Array.from({ length: workers }, (_, i) =>
      provider.openStream({ language: "en", streamId: `warm-${i}`, onTranscript() {}, onError() {} }),
    ),
  );
  await Promise.all(warm.map((w) => w.close()));
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
  await Promise.all(results.map((r) => r.stream.close()));
  const wall = (performance.now() - start) / 1000;
  const rss = workerPeakRssKb();
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
  const lags = results.flatMap((r) =>
    r.got
      .filter((t) => t.isFinal && t.endMs !== null)
      .map((t) => r.arrivedAt.get(t.id)! - (start + t.endMs!)),
  );
  return {
    streams,
    realTime,
    wall,
    rss,
    wer,
    lags,
    writerLateMs,
    droppedShare: droppedBytes / (streams * speech.pcm.length),
  };
}

const capacityOnly = process.argv.includes("--capacity-only");

console.log(`audio per stream: ${seconds.toFixed(1)} s, ${parts.length} chunks of ${CHUNK_MS} ms`);
if (!capacityOnly)
  console.log(
    "mode        workers streams  wall s  audio÷wall  worker peak RSS  WER (max)  final lag p50 / p95",
  );
for (const [workers, streams, realTime] of capacityOnly
  ? []
  : ([
      [1, 1, false],
      [1, 2, false],
      [1, 4, false],
      [1, 8, false],
      [2, 8, false],
      [1, 1, true],
      [1, 4, true],
      [2, 4, true],
    ] as const)) {
  const r = await run(streams, realTime, workers);
  const lag = realTime ? `${pct(r.lags, 50).toFixed(0)} / ${pct(r.lags, 95).toFixed(0)} ms` : "–";
  console.log(
    [
      (realTime ? "real time" : "max speed").padEnd(11),
      String(workers).padStart(7),
      String(streams).padStart(7),
      r.wall.toFixed(1).padStart(7),
      `${((streams * seconds) / r.wall).toFixed(1)}×`.padStart(11),
      `${(r.rss / 1024).toFixed(0)} MB`.padStart(16),
      `${(Math.max(...r.wer) * 100).toFixed(1)} %`.padStart(10),
      `  ${lag}`,
    ].join(" "),
  );
}

/**
 * Real-time speakers one machine carries within the lag budget: streams are added (1, 2, 3, 4,
 * 6, 8, …) until one run sheds audio or its final lag p95 passes the hard bound.
 */
const cores = os.availableParallelism();
console.log(
  `\ncapacity in real time (lag target ${DEFAULT_LAG_BUDGET.targetMs} ms, bound ${DEFAULT_LAG_BUDGET.boundMs} ms, ${cores} cores)`,
);
console.log("workers  streams  shed audio  final lag p50 / p95  writer late (max)  within bound");
for (const workers of [...new Set([1, cores])]) {
  let carried = 0;
  for (const streams of [1, 2, 3, 4, 6, 8, 12, 16]) {
    const r = await run(streams, true, workers);
    const p95 = pct(r.lags, 95);
    const ok = r.droppedShare === 0 && p95 <= DEFAULT_LAG_BUDGET.boundMs;
    console.log(
      [
        String(workers).padStart(7),
        String(streams).padStart(8),
        `${(r.droppedShare * 100).toFixed(1)} %`.padStart(11),
        `${pct(r.lags, 50).toFixed(0)} / ${p95.toFixed(0)} ms`.padStart(19),
        `${r.writerLateMs.toFixed(0)} ms`.padStart(18),
        ok ? "  yes" : "  no",
      ].join(" "),
    );
    if (!ok) break;
    carried = streams;
  }
  console.log(`=> ${workers} worker(s): ${carried} concurrent real-time speaker(s) within the bound`);
}
