import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import type { ProviderTranscript, SttProvider } from "@/modules/core/captions/application/stt-provider";
import { CHUNK_BYTES, CHUNK_MS } from "@/modules/core/captions/domain/audio";
import { createPocketSphinxProvider } from "@/modules/core/captions/infra/pocketsphinx-provider";
import { MEETING_SENTENCES, chunks, speechPcm16k } from "../support/speech";
import { rssMb, workerPids } from "../support/worker-procs";
import { POCKETSPHINX_PYTHON, pocketSphinxInstalled } from "../support/ws-process";

/**
 * Issue 14, defect 4: ten speaking streams took one worker from 364 to 898 MB, which stayed after
 * they closed. Now a worker lends at most `maxDecoders` (~90 MB each); a stream that starts
 * speaking when all are lent is told `stt_busy` and waits, the others go on; decoders beyond the
 * idle pool are freed and their memory handed back to the system.
 */
describe.skipIf(!pocketSphinxInstalled())("PocketSphinx decoders per worker", () => {
  let provider: SttProvider | null = null;
  afterEach(async () => {
    await provider?.shutdown();
    provider = null;
  });

  // close() resolves when the worker has really finished the stream (on a busy machine it can be
  // far behind the audio), not when the provider's own close timeout gives up waiting.
  const CLOSE_WAIT_MS = 600_000;
  const speech = speechPcm16k({
    sentences: MEETING_SENTENCES.slice(0, 2),
    leadingSilenceMs: 300,
    trailingSilenceMs: 800,
  });

  async function speakTogether(p: SttProvider, n: number) {
    const got = Array.from({ length: n }, () => ({
      transcripts: [] as ProviderTranscript[],
      warnings: [] as string[],
      errors: [] as string[],
    }));
    const streams = await Promise.all(
      got.map((g, i) =>
        p.openStream({
          language: "en",
          streamId: `s${i}`,
          onTranscript: (t) => g.transcripts.push(t),
          onWarning: (w) => g.warnings.push(w.code),
          onError: (e) => g.errors.push(e.code),
        }),
      ),
    );
    // Everyone talks at once, at twice real time.
    for (const c of chunks(speech.pcm, CHUNK_BYTES)) {
      for (const s of streams) s.write(c);
      await sleep(CHUNK_MS / 2);
    }
    return { got, streams };
  }

  it("lends at most maxDecoders at once: the streams beyond are told stt_busy, the others are transcribed", async () => {
    provider = createPocketSphinxProvider({
      python: POCKETSPHINX_PYTHON,
      maxDecoders: 2,
      idleDecoders: 1,
      closeTimeoutMs: CLOSE_WAIT_MS,
    });
    const { got, streams } = await speakTogether(provider, 4);
    await Promise.all(streams.map((s) => s.close()));

    expect(got.flatMap((g) => g.errors)).toEqual([]);
    const busy = got.filter((g) => g.warnings.includes("stt_busy"));
    // Two decoders for four speakers starting together: at least two had to wait.
    expect(busy.length).toBeGreaterThanOrEqual(2);
    const transcribed = got.filter((g) => g.transcripts.some((t) => t.isFinal && t.text.length > 0));
    expect(transcribed.length).toBeGreaterThanOrEqual(2);
  }, 180_000);

  it("hands the memory of freed decoders back after the streams close", async () => {
    provider = createPocketSphinxProvider({
      python: POCKETSPHINX_PYTHON,
      maxDecoders: 6,
      idleDecoders: 1,
      closeTimeoutMs: CLOSE_WAIT_MS,
      // Marks this test's worker among the run's (the default is 20 s).
      maxUtteranceMs: 20_001,
    });
    // A first stream starts the worker (it loads one decoder before saying ready).
    const first = await provider.openStream({
      language: "en",
      streamId: "warm-up",
      onTranscript: () => {},
      onError: () => {},
    });
    await first.close();
    const [pid] = workerPids("--max-utterance-ms 20001");
    expect(pid).toBeDefined();
    const before = rssMb(pid!);

    // The peak, whenever the worker reaches it (it may lag behind the audio).
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid!))), 50);
    const { got, streams } = await speakTogether(provider, 6);
    await Promise.all(streams.map((s) => s.close()));
    clearInterval(sampler);
    const after = rssMb(pid!);
    console.info(
      `PocketSphinx worker RSS: ${before.toFixed(0)} MB idle, ${peak.toFixed(0)} MB at most with 6 speaking, ` +
        `${after.toFixed(0)} MB after they closed`,
    );
    expect(got.flatMap((g) => g.errors)).toEqual([]);
    // Six decoders were loaded at once (each ~90 MB) ...
    expect(peak - before).toBeGreaterThan(200);
    // ... and all but the idle one (already counted in `before`) went back to the system.
    expect(after - before).toBeLessThan(100);
  }, 180_000);
});
