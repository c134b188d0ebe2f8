/**
 * `node --import tsx scripts/bench/stt-memory.ts`: resident memory of one PocketSphinx worker
 * idle, at its peak while N streams speak at once (real time), and after they all closed, with
 * the decoder bound and idle pool of ws/server/settings.ts. Issue 14 measured 364 → 898 MB with 10
 * speakers, staying after close.
 *
 * BENCH_STREAMS (default 10); STT_WORKER=<path>/pocketsphinx_worker.py runs another worker
 * script without the bound options (to measure an older worker). STT_ENGINE=whisper measures a
 * Whisper worker (tiny.en; its model is shared by every stream, so there is no decoder bound).
 */
import { setTimeout as sleep } from "node:timers/promises";
import { CHUNK_BYTES, CHUNK_MS } from "../../src/modules/core/captions/domain/audio";
import { createPocketSphinxProvider } from "../../src/modules/core/captions/infra/pocketsphinx-provider";
import {
  createWhisperProvider,
  findWhisperModels,
} from "../../src/modules/core/captions/infra/whisper-provider";
import { MODELS_DIR, warmWorkers } from "../../tests/support/local-stt";
import { MEETING_SENTENCES, chunks, speechPcm16k } from "../../tests/support/speech";
import { rssMb, workerPids } from "../../tests/support/worker-procs";
import { POCKETSPHINX_PYTHON } from "../../tests/support/ws-process";
import { SETTINGS } from "../../ws/server/settings";

const N = Number(process.env.BENCH_STREAMS ?? 10);
const older = process.env.STT_WORKER;
const whisper = process.env.STT_ENGINE === "whisper";

async function main() {
  const common = {
    python: POCKETSPHINX_PYTHON,
    closeTimeoutMs: 600_000,
    // On a busy machine the worker lags: let it queue rather than shed (this measures memory).
    lag: { targetMs: 600_000, boundMs: 600_000 },
    busyMs: 600_000,
    maxUtteranceMs: 20_001,
  };
  const provider = whisper
    ? createWhisperProvider({ ...common, models: { english: findWhisperModels(MODELS_DIR).english } })
    : createPocketSphinxProvider({
        ...common,
        ...(older
          ? { workerPath: older }
          : {
              maxDecoders: SETTINGS.pocketsphinx.maxDecodersPerWorker,
              idleDecoders: SETTINGS.pocketsphinx.idleDecoders,
            }),
      });
  await warmWorkers(provider);
  const [pid] = workerPids("--max-utterance-ms 20001");
  const idle = rssMb(pid!);
  let peak = idle;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid!))), 50);
  const speech = speechPcm16k({
    sentences: MEETING_SENTENCES,
    leadingSilenceMs: 300,
    trailingSilenceMs: 800,
  });
  let busy = 0;
  let finals = 0;
  const streams = await Promise.all(
    Array.from({ length: N }, (_, i) =>
      provider.openStream({
        language: "en",
        streamId: `s${i}`,
        onTranscript: (t) => void (t.isFinal && t.text && finals++),
        onWarning: () => void busy++,
        onError: (e) => console.error(`stream ${i}: ${e.code}`),
      }),
    ),
  );
  for (const c of chunks(speech.pcm, CHUNK_BYTES)) {
    for (const s of streams) s.write(c);
    await sleep(CHUNK_MS);
  }
  await Promise.all(streams.map((s) => s.close()));
  clearInterval(sampler);
  const after = rssMb(pid!);
  console.log(
    `${whisper ? "whisper tiny.en" : older ? `worker ${older}` : `bound ${SETTINGS.pocketsphinx.maxDecodersPerWorker} decoders, idle ${SETTINGS.pocketsphinx.idleDecoders}`}: ` +
      `${N} streams × ${(speech.durationMs / 1000).toFixed(1)} s speech — RSS idle ${idle.toFixed(0)} MB, ` +
      `peak ${peak.toFixed(0)} MB, after close ${after.toFixed(0)} MB; finals ${finals}, busy warnings ${busy}`,
  );
  await provider.shutdown();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
