/**
 * Accuracy and responsiveness of one engine for `npm run bench:stt`: every clip goes through its own
 * stream of the real provider in 160 ms chunks on the clock (as a browser sends them to the ws
 * server), one clip at a time, on one worker; finals are scored against the clip's reference.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { BYTES_PER_SECOND, CHUNK_BYTES, CHUNK_MS } from "../../src/modules/core/captions/domain/audio";
import { wordErrors } from "../../src/modules/core/captions/domain/word-error-rate";
import { warmWorkers } from "../../tests/support/local-stt";
import { chunks } from "../../tests/support/speech";
import type { SpeechClip } from "./human-speech";
import type { BenchEngine } from "./stt-engines";
import { cpuSeconds, peakRssMb, workerPids } from "../../tests/support/worker-procs";

/** Silence around each clip, as around the festival sentences: the endpointer needs it to end an utterance. */
const LEAD_MS = 300;
const TRAIL_MS = 800;

export type ClipResult = {
  id: string;
  reference: string;
  hypothesis: string;
  errors: number;
  words: number;
  finalLags: number[];
};

export type Accuracy = {
  /** Corpus-level WER per clip set: all errors over all reference words. */
  wer: Record<string, { errors: number; words: number; rate: number }>;
  clips: ClipResult[];
  cpuPerSpeechSecond: number;
  /** Milliseconds between consecutive partials of one utterance (wall clock). */
  partialGaps: number[];
  /** Milliseconds from an utterance's end (its endMs on the feed clock) to its final. */
  finalLags: number[];
  peakRssMb: number;
};

export async function measureAccuracy(
  engine: BenchEngine,
  sets: Record<string, SpeechClip[]>,
): Promise<Accuracy> {
  const provider = engine.create({ workers: 1, realTime: true });
  try {
    await warmWorkers(provider);
    const pids = workerPids(engine.workerMarker);
    const cpuBefore = cpuSeconds(pids);
    const clips: (ClipResult & { set: string })[] = [];
    const partialGaps: number[] = [];
    const finalLags: number[] = [];
    let speechSeconds = 0;
    for (const [set, list] of Object.entries(sets)) {
      for (const clip of list) {
        const r = await feedClip(provider, clip);
        const e = wordErrors(clip.reference, r.hypothesis);
        const errors = e.substitutions + e.deletions + e.insertions;
        clips.push({ set, id: clip.id, reference: clip.reference, errors, words: e.words, ...r });
        partialGaps.push(...r.partialGaps);
        finalLags.push(...r.finalLags);
        speechSeconds += clip.seconds;
      }
    }
    const cpu = cpuSeconds(pids) - cpuBefore;
    const wer: Accuracy["wer"] = {};
    for (const set of Object.keys(sets)) {
      const mine = clips.filter((c) => c.set === set);
      const errors = mine.reduce((n, c) => n + c.errors, 0);
      const words = mine.reduce((n, c) => n + c.words, 0);
      wer[set] = { errors, words, rate: words ? errors / words : 0 };
    }
    return {
      wer,
      clips,
      cpuPerSpeechSecond: cpu / speechSeconds,
      partialGaps,
      finalLags,
      peakRssMb: peakRssMb(pids),
    };
  } finally {
    await provider.shutdown();
  }
}

async function feedClip(provider: ReturnType<BenchEngine["create"]>, clip: SpeechClip) {
  const silence = (ms: number) => Buffer.alloc(Math.round((ms / 1000) * BYTES_PER_SECOND));
  const audio = Buffer.concat([silence(LEAD_MS), clip.pcm, silence(TRAIL_MS)]);
  const finals = new Map<string, { text: string; at: number; endMs: number | null }>();
  const lastPartial = new Map<string, number>();
  const partialGaps: number[] = [];
  const stream = await provider.openStream({
    language: "en",
    streamId: `accuracy-${clip.id}`,
    onTranscript: (t) => {
      const now = performance.now();
      if (t.isFinal) {
        finals.set(t.id, { text: t.text, at: now, endMs: t.endMs });
      } else {
        const prev = lastPartial.get(t.id);
        if (prev !== undefined) partialGaps.push(now - prev);
        lastPartial.set(t.id, now);
      }
    },
    onError: (e) => console.error(`${clip.id}: ${e.code} ${e.reason}`),
  });
  const start = performance.now();
  const parts = chunks(audio, CHUNK_BYTES);
  for (let c = 0; c < parts.length; c++) {
    stream.write(parts[c]!);
    await sleep(Math.max(0, start + (c + 1) * CHUNK_MS - performance.now()));
  }
  await stream.close();
  const ordered = [...finals.values()];
  return {
    hypothesis: ordered.map((f) => f.text).join(" "),
    partialGaps,
    finalLags: ordered.filter((f) => f.endMs !== null).map((f) => f.at - (start + f.endMs!)),
  };
}
