import { execFileSync } from "node:child_process";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHUNK_BYTES, CHUNK_MS } from "@/modules/core/captions/domain/audio";
import type { ProviderTranscript, SttProvider } from "@/modules/core/captions/application/stt-provider";
import { createPocketSphinxProvider } from "@/modules/core/captions/infra/pocketsphinx-provider";
import { ServiceUnavailableError } from "@/modules/core/shared/domain/errors";
import { MEETING_SENTENCES, chunks, speechPcm16k, wordErrorRate, wordRecall } from "../support/speech";
import { workerPids } from "../support/worker-procs";

/** Marks this file's PocketSphinx workers among this process's children. */
const WORKER_SCRIPT = "pocketsphinx_worker.py";

// The real recognizer: installed here if missing (a no-op when the venv is there), never skipped.
let python = "";
let provider: SttProvider;
/**
 * Most tests here feed audio faster than real time to stay quick: with the default lag budget the
 * stream would shed it. Shedding has its own tests below, with the budget they set.
 */
const UNBOUNDED = { lag: { targetMs: 600_000, boundMs: 600_000 }, closeTimeoutMs: 60_000 };

beforeAll(() => {
  // The project's venv (as the ws server uses), not one under this run's throw-away DATA_DIR.
  python = execFileSync("bash", ["scripts/install-stt.sh", "--print-python"], {
    encoding: "utf8",
    env: { ...process.env, DATA_DIR: path.resolve(import.meta.dirname, "../../.data") },
  }).trim();
  provider = createPocketSphinxProvider({ python, ...UNBOUNDED });
}, 300_000);

afterAll(async () => {
  await provider.shutdown();
});

type Got = { transcripts: ProviderTranscript[]; errors: { code: string; retryable: boolean }[] };

async function openRecorded(p: SttProvider, streamId: string, language = "en") {
  const got: Got = { transcripts: [], errors: [] };
  const stream = await p.openStream({
    language,
    streamId,
    onTranscript: (t) => got.transcripts.push(t),
    onError: (e) => got.errors.push(e),
  });
  return { stream, got };
}

/** 160 ms chunks, `speed` times faster than real time (the decoder runs at ~0.1× real time). */
async function feed(write: (pcm: Buffer) => void, pcm: Buffer, speed: number) {
  for (const c of chunks(pcm, CHUNK_BYTES)) {
    write(c);
    await sleep(CHUNK_MS / speed);
  }
}

const finals = (got: Got) => got.transcripts.filter((t) => t.isFinal);
const finalText = (got: Got) =>
  finals(got)
    .map((t) => t.text)
    .join(" ");

describe("PocketSphinx provider (real recognizer)", () => {
  it("turns spoken meeting sentences into partials then finals, one utterance per sentence, WER ≤ 20 %", async () => {
    const speech = speechPcm16k({
      sentences: MEETING_SENTENCES,
      leadingSilenceMs: 300,
      trailingSilenceMs: 800,
    });
    const { stream, got } = await openRecorded(provider, "meeting");
    // In real time, as a browser sends.
    await feed((c) => stream.write(c), speech.pcm, 1);
    // The trailing silence ends the last sentence: every final comes from silence, none from the
    // flush at close (polled, since a busy machine may leave the worker a little behind).
    await expect.poll(() => finals(got).length, { timeout: 15_000 }).toBe(MEETING_SENTENCES.length);
    await stream.close();

    expect(got.errors).toEqual([]);
    const fin = finals(got);
    expect(fin.map((t) => t.id)).toEqual(MEETING_SENTENCES.map((_, i) => String(i + 1)));
    const wer = wordErrorRate(speech.text, finalText(got));
    console.info(`PocketSphinx WER on ${speech.durationMs} ms of speech: ${(wer * 100).toFixed(1)} %`);
    expect(wer).toBeLessThanOrEqual(0.2);

    for (const f of fin) {
      const own = got.transcripts.filter((t) => t.id === f.id);
      // partials first, then exactly one final, and nothing for that id after it
      expect(own.at(-1)).toBe(f);
      expect(own.filter((t) => t.isFinal)).toHaveLength(1);
      expect(own.length).toBeGreaterThan(1);
      expect(f.startMs!).toBeLessThan(f.endMs!);
      expect(f.endMs!).toBeLessThanOrEqual(speech.durationMs);
      expect(f.confidence).toBeGreaterThan(0);
      expect(f.confidence).toBeLessThanOrEqual(1);
      expect(f.language).toBe("en");
    }
    // utterances follow each other in time, each in its own sentence's place
    for (let i = 1; i < fin.length; i++) expect(fin[i]!.startMs!).toBeGreaterThan(fin[i - 1]!.endMs!);
    // partials are rate limited: at most one per 200 ms of speech
    const partials = got.transcripts.filter((t) => !t.isFinal).length;
    expect(partials).toBeLessThanOrEqual(speech.durationMs / 200);
  }, 60_000);

  // The endpointer takes 30 ms frames (960 bytes): the stream may end on a frame boundary or not.
  it.each([
    ["mid-frame", (n: number) => (n % 960 === 0 ? n - 2 : n)],
    ["on a frame boundary", (n: number) => n - (n % 960)],
  ])(
    "close flushes the utterance in flight (audio ending %s): its final arrives before close() resolves",
    async (_, cut) => {
      const speech = speechPcm16k({ sentences: [MEETING_SENTENCES[1]!], leadingSilenceMs: 200 });
      const pcm = speech.pcm.subarray(0, cut(speech.pcm.length));
      const { stream, got } = await openRecorded(provider, "flush");
      await feed((c) => stream.write(c), pcm, 8);
      // no silence after the words: nothing has ended the utterance yet
      await sleep(300);
      expect(finals(got)).toEqual([]);
      await stream.close();
      expect(got.errors).toEqual([]);
      expect(finals(got)).toHaveLength(1);
      expect(wordErrorRate(speech.text, finalText(got))).toBeLessThanOrEqual(0.2);
      // closing twice is harmless and writes after close are ignored
      stream.write(speech.pcm.subarray(0, CHUNK_BYTES));
      await stream.close();
      expect(finals(got)).toHaveLength(1);
    },
    60_000,
  );

  it("cuts a long run of speech into utterances of bounded length", async () => {
    const capped = createPocketSphinxProvider({ python, maxUtteranceMs: 2_500, ...UNBOUNDED });
    try {
      // three sentences with no pause between them: about 8 s of continuous speech
      const speech = speechPcm16k({
        sentences: MEETING_SENTENCES.slice(0, 3),
        pauseMs: 0,
        trailingSilenceMs: 600,
      });
      const { stream, got } = await openRecorded(capped, "long");
      await feed((c) => stream.write(c), speech.pcm, 16);
      await stream.close();
      const fin = finals(got);
      expect(fin.length).toBeGreaterThanOrEqual(3);
      expect(fin.map((t) => t.id)).toEqual(fin.map((_, i) => String(i + 1)));
      for (const f of fin) expect(f.endMs! - f.startMs!).toBeLessThanOrEqual(2_500 + 100);
      // cuts fall inside words now and then; most words still come through
      expect(wordRecall(speech.text, finalText(got))).toBeGreaterThanOrEqual(0.6);
    } finally {
      await capped.shutdown();
    }
  }, 60_000);

  it("keeps two concurrent streams apart", async () => {
    const a = speechPcm16k({ sentences: MEETING_SENTENCES.slice(0, 2), trailingSilenceMs: 600 });
    const b = speechPcm16k({ sentences: MEETING_SENTENCES.slice(3, 5), trailingSilenceMs: 600 });
    const sa = await openRecorded(provider, "a");
    const sb = await openRecorded(provider, "b");
    // interleaved chunk by chunk, as two speakers talking over each other
    const ca = chunks(a.pcm, CHUNK_BYTES);
    const cb = chunks(b.pcm, CHUNK_BYTES);
    for (let i = 0; i < Math.max(ca.length, cb.length); i++) {
      if (ca[i]) sa.stream.write(ca[i]!);
      if (cb[i]) sb.stream.write(cb[i]!);
      if (i % 4 === 0) await sleep(CHUNK_MS / 2);
    }
    await Promise.all([sa.stream.close(), sb.stream.close()]);
    expect(wordErrorRate(a.text, finalText(sa.got))).toBeLessThanOrEqual(0.2);
    expect(wordErrorRate(b.text, finalText(sb.got))).toBeLessThanOrEqual(0.2);
    // neither heard the other's words ("budget", "month", "questions" vs "morning", "schedule"…)
    expect(wordRecall("budget month questions", finalText(sa.got))).toBe(0);
    expect(wordRecall("morning joining schedule", finalText(sb.got))).toBe(0);
    expect(finals(sa.got).map((t) => t.id)).toEqual(["1", "2"]);
    expect(finals(sb.got).map((t) => t.id)).toEqual(["1", "2"]);
  }, 60_000);

  it("spreads streams over several workers when asked to", async () => {
    const two = createPocketSphinxProvider({ python, workers: 2, ...UNBOUNDED });
    try {
      const before = workerPids(WORKER_SCRIPT);
      const a = speechPcm16k({ sentences: [MEETING_SENTENCES[0]!], trailingSilenceMs: 600 });
      const b = speechPcm16k({ sentences: [MEETING_SENTENCES[4]!], trailingSilenceMs: 600 });
      const sa = await openRecorded(two, "w1");
      const sb = await openRecorded(two, "w2");
      // one new process per stream: the second stream went to the idle slot
      expect(workerPids(WORKER_SCRIPT).filter((p) => !before.includes(p))).toHaveLength(2);
      await Promise.all([
        feed((c) => sa.stream.write(c), a.pcm, 16),
        feed((c) => sb.stream.write(c), b.pcm, 16),
      ]);
      await Promise.all([sa.stream.close(), sb.stream.close()]);
      expect(wordErrorRate(a.text, finalText(sa.got))).toBeLessThanOrEqual(0.2);
      expect(wordErrorRate(b.text, finalText(sb.got))).toBeLessThanOrEqual(0.2);
    } finally {
      await two.shutdown();
    }
  }, 60_000);

  it("understands English only and says so", async () => {
    expect(provider.unsupportedReason("en")).toBeNull();
    expect(provider.unsupportedReason("en-GB")).toBeNull();
    expect(provider.unsupportedReason("ru")).toMatch(/English only.*"ru"/);
    expect(provider.unsupportedReason("eng-x")).not.toBeNull();
    await expect(openRecorded(provider, "de", "de")).rejects.toBeInstanceOf(ServiceUnavailableError);
  });

  it("a worker that dies fails its streams as retryable, and the next stream gets a new worker", async () => {
    const first = await openRecorded(provider, "doomed");
    const pid = workerPid();
    process.kill(pid, "SIGKILL");
    await expect
      .poll(() => first.got.errors)
      .toEqual([expect.objectContaining({ code: "stt_crashed", retryable: true })]);
    await first.stream.close(); // resolves although the worker is gone

    const speech = speechPcm16k({ sentences: [MEETING_SENTENCES[0]!], trailingSilenceMs: 600 });
    const second = await openRecorded(provider, "after-restart");
    expect(workerPid()).not.toBe(pid);
    await feed((c) => second.stream.write(c), speech.pcm, 16);
    await second.stream.close();
    expect(wordErrorRate(speech.text, finalText(second.got))).toBeLessThanOrEqual(0.2);
  }, 60_000);

  it("shutdown stops the worker and tells open streams it is shutting down, not crashing", async () => {
    const own = createPocketSphinxProvider({ python });
    const before = workerPids(WORKER_SCRIPT);
    const { got } = await openRecorded(own, "at-shutdown");
    const mine = workerPids(WORKER_SCRIPT).filter((p) => !before.includes(p));
    expect(mine).toHaveLength(1);
    await own.shutdown();
    expect(got.errors).toEqual([
      { code: "stt_shutdown", reason: "the speech recognizer is shutting down", retryable: true },
    ]);
    expect(workerPids(WORKER_SCRIPT)).not.toContain(mine[0]);
  });

  it("a missing interpreter is a clear 'captions unavailable', not a crash", async () => {
    const broken = createPocketSphinxProvider({ python: "/nonexistent/python" });
    const err = await openRecorded(broken, "x").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceUnavailableError);
    expect((err as ServiceUnavailableError).code).toBe("captions_unavailable");
    expect((err as Error).message).toMatch(/install-stt\.sh/);
    await broken.shutdown();
  });
});

/** The shared provider's worker: the only one running outside the tests that make their own. */
function workerPid(): number {
  const pids = workerPids(WORKER_SCRIPT);
  if (pids.length !== 1) throw new Error(`expected one worker, found ${pids.join(", ") || "none"}`);
  return pids[0]!;
}
