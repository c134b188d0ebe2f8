/**
 * Which voice detector should gate the recognizer (`npm run bench:vad`, issue 15 part 3): today's
 * WebRTC VAD, or Silero VAD behind it. Each case is a microphone's audio (speech turns over a noise
 * floor; a steady tone; beeps; music; typing; speech over music and over typing) played through the
 * ws server's real provider link (the gate, then PocketSphinx). Reports what each engine bills
 * (seconds handed to the recognizer, ÷ seconds of speech in the case), the words PocketSphinx
 * recovers with the gate and without one, and each detector's CPU per second of audio.
 */
import { execFileSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import pino from "pino";
import { BYTES_PER_SECOND, CHUNK_BYTES, CHUNK_MS } from "../../src/modules/core/captions/domain/audio";
import { createPocketSphinxProvider } from "../../src/modules/core/captions/infra/pocketsphinx-provider";
import { openLink } from "../../ws/server/stream/open-link";
import { gatingFor, type Gating } from "../../ws/server/stream/vad/detectors";
import type { VadEngine } from "../../ws/server/stream/vad/voice-detector";
import { beeps, mix, music, tone, typing } from "../../tests/support/noise-cases";
import { withNoiseFloor } from "../../tests/support/noise";
import { MEETING_SENTENCES, speechPcm16k, wordRecall } from "../../tests/support/speech";

const ENGINES: VadEngine[] = ["webrtc", "silero"];
const SPEED = Number(process.env.BENCH_VAD_SPEED ?? 4);
// Long enough for a recognizer running behind on a busy machine to catch up.
const QUIET_MS = 10_000;
type Case = { name: string; pcm: Buffer; speechSeconds: number; text: string };

function cases(): Case[] {
  const speech = speechPcm16k({
    sentences: MEETING_SENTENCES,
    pauseMs: 1500,
    leadingSilenceMs: 1000,
    trailingSilenceMs: 2000,
  });
  const speechSeconds = speech.pcm.length / BYTES_PER_SECOND - 3 - 1.5 * (MEETING_SENTENCES.length - 1);
  const text = MEETING_SENTENCES.join(" ");
  const s = speech.pcm.length / BYTES_PER_SECOND;
  const quiet = (pcm: Buffer) => withNoiseFloor(pcm, 80, 3);
  const none = { speechSeconds: 0, text: "" };
  return [
    { name: "speech turns over a noise floor", pcm: quiet(speech.pcm), speechSeconds, text },
    { name: "steady tone (440 Hz)", pcm: quiet(tone(30)), ...none },
    { name: "hum (120 Hz, quiet)", pcm: quiet(tone(30, 120, 0.05)), ...none },
    { name: "beeps (1 kHz, 200 ms each second)", pcm: quiet(beeps(30)), ...none },
    { name: "music", pcm: quiet(music(30)), ...none },
    { name: "typing", pcm: quiet(typing(30)), ...none },
    { name: "speech over music", pcm: quiet(mix(speech.pcm, music(s), 0.1)), speechSeconds, text },
    { name: "speech over typing", pcm: quiet(mix(speech.pcm, typing(s), 0.3)), speechSeconds, text },
  ];
}

/** The case through a provider link (gated or not) into PocketSphinx: billed seconds and words heard. */
async function transcribe(python: string, c: Case, gating: Gating | null) {
  const provider = createPocketSphinxProvider({ python, workers: 1 });
  const finals: string[] = [];
  let sent = 0;
  const link = await openLink({
    provider,
    language: "en",
    streamId: "bench",
    gating,
    onSent: (b) => (sent += b),
    log: pino({ level: "warn" }),
    onTranscript: (t) => t.isFinal && finals.push(t.text),
    onError: (e) => console.error("provider error", e.code, e.reason),
  });
  // At 4× real time, then until no final came for QUIET_MS: a close with audio still queued in the
  // recognizer would lose words (issue 15), which is not what this compares.
  for (let o = 0; o < c.pcm.length; o += CHUNK_BYTES) {
    link.write(c.pcm.subarray(o, o + CHUNK_BYTES));
    await sleep(CHUNK_MS / SPEED);
  }
  let seen = -1;
  while (seen !== finals.length) {
    seen = finals.length;
    await sleep(QUIET_MS);
  }
  await link.close();
  await provider.shutdown();
  const heard = finals.join(" ");
  if (process.env.BENCH_VAD_VERBOSE) console.log(`  ${gating?.engine ?? "ungated"}: ${heard}`);
  return { billed: sent / BYTES_PER_SECOND, recall: c.text ? wordRecall(c.text, heard) : null };
}

/** CPU of the detector alone (no recognizer): ms of CPU per second of audio. */
async function detectorCpu(gating: Gating, pcm: Buffer) {
  const d = await gating.detector();
  const start = process.cpuUsage();
  const t0 = performance.now();
  for (let o = 0; o < pcm.length; o += CHUNK_BYTES) await d.voicedShare(pcm.subarray(o, o + CHUNK_BYTES));
  const cpu = process.cpuUsage(start);
  d.dispose();
  const seconds = pcm.length / BYTES_PER_SECOND;
  return { cpuMsPerSecond: (cpu.user + cpu.system) / 1000 / seconds, wallMs: performance.now() - t0 };
}

async function main() {
  const python = execFileSync("bash", ["scripts/install-stt.sh", "--print-python"], {
    encoding: "utf8",
  }).trim();
  const gatings = Object.fromEntries(
    ENGINES.map((e) => [e, gatingFor({ vadMode: 3, engine: e }, pino())]),
  ) as Record<VadEngine, Gating>;
  // BENCH_VAD_CASES=speech,music: only the cases whose name has one of these words.
  const only = process.env.BENCH_VAD_CASES?.split(",");
  const all = cases().filter((c) => !only || only.some((w) => c.name.includes(w)));
  console.log(
    "case | speech s | " +
      ENGINES.map((e) => `${e}: billed s (÷ speech), recall`).join(" | ") +
      " | ungated recall",
  );
  const totals = Object.fromEntries(ENGINES.map((e) => [e, { billed: 0, noiseBilled: 0 }]));
  for (const c of all) {
    const cells: string[] = [];
    for (const e of ENGINES) {
      const r = await transcribe(python, c, gatings[e]);
      totals[e]!.billed += r.billed;
      if (!c.text) totals[e]!.noiseBilled += r.billed;
      const ratio = c.speechSeconds ? ` (${(r.billed / c.speechSeconds).toFixed(2)})` : "";
      const recall = r.recall === null ? "—" : `${(r.recall * 100).toFixed(1)} %`;
      cells.push(`${r.billed.toFixed(1)}${ratio}, ${recall}`);
    }
    const base = c.text ? await transcribe(python, c, null) : null;
    const seconds = (c.pcm.length / BYTES_PER_SECOND).toFixed(1);
    console.log(
      `${c.name} (${seconds} s) | ${c.speechSeconds.toFixed(1)} | ${cells.join(" | ")} | ` +
        `${base?.recall == null ? "—" : `${(base.recall * 100).toFixed(1)} %`}`,
    );
  }
  for (const e of ENGINES) {
    console.log(`${e}: billed for noise-only cases ${totals[e]!.noiseBilled.toFixed(1)} s in total`);
  }
  if (only) return;
  for (const e of ENGINES) {
    const quiet = await detectorCpu(gatings[e], all[0]!.pcm);
    const loud = await detectorCpu(gatings[e], all[4]!.pcm);
    console.log(
      `${e}: detector CPU ${quiet.cpuMsPerSecond.toFixed(2)} ms per second of speech turns, ` +
        `${loud.cpuMsPerSecond.toFixed(2)} ms per second of music`,
    );
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
