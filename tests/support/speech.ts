import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { comparableText } from "@/modules/core/transcripts/domain/comparable-text";

/**
 * Real speech for tests: festival's US English SLT HTS voice reads sentences, sox pads and converts
 * them. Files are cached under /tmp by a hash of everything that shapes them, so a suite pays for
 * synthesis once. Needs the apt packages festival, festvox-us-slt-hts and sox
 * (scripts/install-test-deps.sh installs them).
 */

export type SpeechOptions = {
  sentences: string[];
  /**
   * 16000 for adapter tests (PCM16LE mono). Chromium's fake microphone
   * (`--use-file-for-fake-audio-capture=<path>%noloop`) takes 48000 or 44100, mono or stereo:
   * captured back through an AudioContext at 16 kHz, PocketSphinx got every word of two sentences
   * in each of those formats, with the browser's voice processing on or off.
   */
  sampleRate?: number;
  channels?: 1 | 2;
  leadingSilenceMs?: number;
  trailingSilenceMs?: number;
  /** Silence between sentences: long enough (≥ ~500 ms) and a recognizer splits utterances there. */
  pauseMs?: number;
  /**
   * Default: festival's US English voice. "ru": festival's Russian voice (apt festvox-ru; Whisper
   * base heard ~86 % of its words where espeak-ng's Russian voice got ~30 %).
   */
  voice?: "ru";
};

export type SpeechWav = {
  path: string;
  sampleRate: number;
  channels: number;
  durationMs: number;
  /** Every sentence joined: the reference for word error rate. */
  text: string;
};

/** Meeting talk in Russian (voice "ru"), for the multilingual model. */
export const RUSSIAN_SENTENCES = [
  "Доброе утро всем, спасибо что пришли на встречу.",
  "Давайте начнём с короткого обзора плана проекта.",
  "Команда начнёт тестирование на следующей неделе.",
];

/** Meeting talk the recognizers are measured on: ordinary words, a few numbers, no names. */
export const MEETING_SENTENCES = [
  "Good morning everyone, thank you for joining the meeting today.",
  "Let us start with a quick review of the project schedule.",
  "The design work is finished and the team will begin testing next week.",
  "We still need a decision on the budget before the end of the month.",
  "Please send me your questions after the call.",
];

const VOICE = "(voice_cmu_us_slt_arctic_hts)";
const VOICE_RU = "(voice_msu_ru_nsh_clunits)";
const CACHE_DIR = path.join(os.tmpdir(), "rooms-speech");
// Bump when the way files are made changes, so stale cache entries are not reused.
const RECIPE_VERSION = 1;

export function speechWav(opts: SpeechOptions): SpeechWav {
  const o = {
    sentences: opts.sentences,
    sampleRate: opts.sampleRate ?? 16_000,
    channels: opts.channels ?? 1,
    leadingSilenceMs: opts.leadingSilenceMs ?? 0,
    trailingSilenceMs: opts.trailingSilenceMs ?? 0,
    pauseMs: opts.pauseMs ?? 700,
    // Left out of the cache key when unset, so festival entries keep their keys.
    voice: opts.voice,
  };
  if (o.sentences.length === 0) throw new Error("speechWav: no sentences");
  const key = createHash("sha256")
    .update(JSON.stringify({ ...o, VOICE, RECIPE_VERSION }))
    .digest("hex")
    .slice(0, 24);
  mkdirSync(CACHE_DIR, { recursive: true });
  const out = path.join(CACHE_DIR, `${key}.wav`);
  if (!existsSync(out)) synthesize(o, out);
  const info = readWav(out);
  return {
    path: out,
    sampleRate: info.sampleRate,
    channels: info.channels,
    durationMs: Math.round((info.pcm.length / (2 * info.channels) / info.sampleRate) * 1000),
    text: o.sentences.join(" "),
  };
}

function synthesize(o: Omit<Required<SpeechOptions>, "voice"> & Pick<SpeechOptions, "voice">, out: string) {
  const work = mkdtempSync(path.join(CACHE_DIR, "work-"));
  try {
    const parts = o.sentences.map((sentence, i) => {
      const txt = path.join(work, `s${i}.txt`);
      const raw = path.join(work, `s${i}.wav`);
      writeFileSync(txt, sentence + "\n");
      execFileSync("text2wave", ["-eval", o.voice === "ru" ? VOICE_RU : VOICE, txt, "-o", raw], {
        stdio: "pipe",
      });
      if (i === o.sentences.length - 1 || o.pauseMs === 0) return raw;
      const padded = path.join(work, `p${i}.wav`);
      execFileSync("sox", [raw, padded, "pad", "0", secs(o.pauseMs)], { stdio: "pipe" });
      return padded;
    });
    // Write next to the target and rename: parallel test files may build the same entry at once.
    const tmp = path.join(work, "out.wav");
    execFileSync(
      "sox",
      [
        // no dither: the same input always gives the same bytes
        "-D",
        ...parts,
        "-b",
        "16",
        "-e",
        "signed-integer",
        tmp,
        "rate",
        "-h",
        String(o.sampleRate),
        "channels",
        String(o.channels),
        "pad",
        secs(o.leadingSilenceMs),
        secs(o.trailingSilenceMs),
      ],
      { stdio: "pipe" },
    );
    renameSync(tmp, out);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const secs = (ms: number) => (ms / 1000).toFixed(3);

/** The PCM samples of a 16-bit PCM WAV file (little-endian, interleaved when stereo). */
export function readWav(file: string): { sampleRate: number; channels: number; pcm: Buffer } {
  const buf = readFileSync(file);
  if (buf.toString("ascii", 0, 4) !== "RIFF" || buf.toString("ascii", 8, 12) !== "WAVE") {
    throw new Error(`${file}: not a WAV file`);
  }
  let sampleRate = 0;
  let channels = 0;
  let offset = 12;
  while (offset + 8 <= buf.length) {
    const id = buf.toString("ascii", offset, offset + 4);
    const size = buf.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === "fmt ") {
      channels = buf.readUInt16LE(body + 2);
      sampleRate = buf.readUInt32LE(body + 4);
      const bits = buf.readUInt16LE(body + 14);
      if (bits !== 16) throw new Error(`${file}: ${bits}-bit samples, expected 16`);
    } else if (id === "data") {
      return { sampleRate, channels, pcm: buf.subarray(body, Math.min(body + size, buf.length)) };
    }
    offset = body + size + (size % 2);
  }
  throw new Error(`${file}: no data chunk`);
}

/** 16 kHz mono PCM16LE of the sentences: what the browser sends the ws server. */
export function speechPcm16k(opts: Omit<SpeechOptions, "sampleRate" | "channels">) {
  const wav = speechWav({ ...opts, sampleRate: 16_000, channels: 1 });
  return { ...wav, pcm: readWav(wav.path).pcm };
}

/**
 * Lower-case words without punctuation, numbers as figures ("forty two dollars" and "$42" alike):
 * what word error rate and recall compare (any alphabet; ё as е), whichever way an engine writes numbers.
 */
export function normalizeWords(text: string): string[] {
  return comparableText(text.replace(/ё/gi, "е")).split(" ").filter(Boolean);
}

/** Word error rate: word-level edit distance (substitutions + deletions + insertions) / reference words. */
export function wordErrorRate(reference: string, hypothesis: string): number {
  const ref = normalizeWords(reference);
  const hyp = normalizeWords(hypothesis);
  if (ref.length === 0) return hyp.length === 0 ? 0 : 1;
  let prev = Array.from({ length: hyp.length + 1 }, (_, j) => j);
  for (let i = 1; i <= ref.length; i++) {
    const cur = [i];
    for (let j = 1; j <= hyp.length; j++) {
      const sub = prev[j - 1]! + (ref[i - 1] === hyp[j - 1] ? 0 : 1);
      cur[j] = Math.min(sub, prev[j]! + 1, cur[j - 1]! + 1);
    }
    prev = cur;
  }
  return prev[hyp.length]! / ref.length;
}

/** Share of the reference's words that appear in the hypothesis (order ignored, counts respected). */
export function wordRecall(reference: string, hypothesis: string): number {
  const ref = normalizeWords(reference);
  const pool = new Map<string, number>();
  for (const w of normalizeWords(hypothesis)) pool.set(w, (pool.get(w) ?? 0) + 1);
  let hit = 0;
  for (const w of ref) {
    const n = pool.get(w) ?? 0;
    if (n > 0) {
      hit++;
      pool.set(w, n - 1);
    }
  }
  return ref.length === 0 ? 1 : hit / ref.length;
}

/** Splits PCM into fixed-size chunks (the last may be shorter but stays of even length). */
export function chunks(pcm: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < pcm.length; i += size) out.push(pcm.subarray(i, Math.min(i + size, pcm.length)));
  return out;
}
