import { createHash } from "node:crypto";
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { withNoiseFloor } from "./noise";
import { normalizeWords, readWav, speechWav, wordRecall } from "./speech";

/**
 * A scripted meeting for several people: turns of festival speech, one speaker at a time, with a
 * lead-in and equal gaps so that nobody speaks for a set share of the call. Each person gets one
 * WAV as long as the whole call: their own speech in their turns only, and a low noise floor
 * throughout (a quiet room, not digital silence, so a speech gate is tested on what microphones
 * send). The WAVs start together, so they can feed simultaneous fake microphones (Chromium's
 * `--use-file-for-fake-audio-capture`) or protocol clients.
 */

/** Everyday meeting talk, two sentences a turn: turn k of the call is sentences 2k and 2k+1. */
export const CALL_SENTENCES = [
  "Good morning everyone, thank you for joining the meeting today.",
  "Let us start with a quick review of the project schedule.",
  "The design work is finished and the team will begin testing next week.",
  "We still need a decision on the budget before the end of the month.",
  "I can share the test results on Thursday afternoon.",
  "The new office will open in the spring.",
  "We should ask the client about the delivery date.",
  "Thank you, that sounds like a good plan.",
  "The first version of the report is ready for review.",
  "Our sales grew by ten percent in the last quarter.",
  "I think we need two more people on the support team.",
  "The training session will take place in the large room.",
  "Can everyone update their tasks before Friday?",
  "The customer asked for a lower price on the second order.",
  "We moved the server to a new data center last night.",
  "I will call the supplier and ask about the delay.",
  "Most of the open questions are about the contract.",
  "Let us meet again next Monday at ten.",
  "Please send me your questions after the call.",
  "That is all from me for today.",
];

export type CallScriptOptions = {
  people?: number;
  turnsEach?: number;
  sentencesPerTurn?: number;
  /** Share of the call in which nobody speaks (gaps before, between and after the turns). */
  silentShare?: number;
  /** 48000 for Chromium's fake microphone (it takes 48 or 44.1 kHz), 16000 for protocol clients. */
  sampleRate?: number;
  /** Peak of the white-noise floor, of 32767. */
  noiseAmplitude?: number;
  /** Pause between the sentences of one turn. */
  pauseMs?: number;
  /**
   * Silence before the first turn (part of the silent share): a browser's microphone opens some
   * time before its audio reaches the caption socket, and the first words must not fall in that.
   */
  leadInMs?: number;
};

export type CallTurn = { person: number; text: string; startMs: number; endMs: number };

export type ScriptedCall = {
  /** One WAV per person (16-bit mono, `sampleRate`), all `durationMs` long. */
  wavs: string[];
  /** What each person says over the whole call: the reference for word recall. */
  texts: string[];
  turns: CallTurn[];
  durationMs: number;
  /** Time in which someone is speaking (the turns, pauses inside a turn included). */
  speechMs: number;
  silentShare: number;
  leadInMs: number;
  /** Silence between turns and after the last one. */
  gapMs: number;
  sampleRate: number;
};

const CACHE_DIR = path.join(os.tmpdir(), "rooms-speech");
// Bump when the way the call is made changes, so stale cache entries are not reused.
const RECIPE_VERSION = 2;

export function scriptedCall(opts: CallScriptOptions = {}): ScriptedCall {
  const o = {
    people: opts.people ?? 5,
    turnsEach: opts.turnsEach ?? 2,
    sentencesPerTurn: opts.sentencesPerTurn ?? 2,
    silentShare: opts.silentShare ?? 0.3,
    sampleRate: opts.sampleRate ?? 48_000,
    noiseAmplitude: opts.noiseAmplitude ?? 80,
    pauseMs: opts.pauseMs ?? 500,
    leadInMs: opts.leadInMs ?? 5_000,
  };
  const count = o.people * o.turnsEach;
  if (count * o.sentencesPerTurn > CALL_SENTENCES.length) {
    throw new Error(`scriptedCall: ${count} turns need more than ${CALL_SENTENCES.length} sentences`);
  }
  // Round robin: person 0, 1, …, n-1, then 0 again.
  const spoken = Array.from({ length: count }, (_, k) => {
    const sentences = CALL_SENTENCES.slice(k * o.sentencesPerTurn, (k + 1) * o.sentencesPerTurn);
    const wav = speechWav({ sentences, sampleRate: o.sampleRate, channels: 1, pauseMs: o.pauseMs });
    return { person: k % o.people, text: wav.text, wavPath: wav.path, pcm: readWav(wav.path).pcm };
  });
  const bytesPerMs = (o.sampleRate * 2) / 1000;
  const speechBytes = spoken.reduce((n, t) => n + t.pcm.length, 0);
  // The lead-in, then equal gaps between turns and after the last, in whole samples.
  const leadBytes = Math.round((o.leadInMs * bytesPerMs) / 2) * 2;
  const silentBytes = (speechBytes * o.silentShare) / (1 - o.silentShare);
  const gapBytes = Math.ceil((silentBytes - leadBytes) / count / 2) * 2;
  if (gapBytes <= 0) throw new Error("scriptedCall: the lead-in takes all the silence");
  const totalBytes = speechBytes + leadBytes + gapBytes * count;

  const turns: CallTurn[] = [];
  let at = leadBytes;
  for (const t of spoken) {
    turns.push({
      person: t.person,
      text: t.text,
      startMs: at / bytesPerMs,
      endMs: (at + t.pcm.length) / bytesPerMs,
    });
    at += t.pcm.length + gapBytes;
  }

  const key = createHash("sha256")
    .update(JSON.stringify({ o, turns: spoken.map((t) => t.wavPath), RECIPE_VERSION }))
    .digest("hex")
    .slice(0, 20);
  mkdirSync(CACHE_DIR, { recursive: true });
  const wavs = Array.from({ length: o.people }, (_, p) => {
    const file = path.join(CACHE_DIR, `call-${key}-${p}.wav`);
    if (existsSync(file)) return file;
    const pcm = Buffer.alloc(totalBytes);
    let offset = leadBytes;
    for (const t of spoken) {
      if (t.person === p) t.pcm.copy(pcm, offset);
      offset += t.pcm.length + gapBytes;
    }
    // Write next to the target and rename: parallel runs may build the same file at once.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, wavFile(withNoiseFloor(pcm, o.noiseAmplitude, p + 1), o.sampleRate));
    renameSync(tmp, file);
    return file;
  });

  return {
    wavs,
    texts: Array.from({ length: o.people }, (_, p) =>
      spoken
        .filter((t) => t.person === p)
        .map((t) => t.text)
        .join(" "),
    ),
    turns,
    durationMs: totalBytes / bytesPerMs,
    speechMs: speechBytes / bytesPerMs,
    silentShare: 1 - speechBytes / totalBytes,
    leadInMs: leadBytes / bytesPerMs,
    gapMs: gapBytes / bytesPerMs,
    sampleRate: o.sampleRate,
  };
}

/**
 * What the listeners read: for every listener and every other speaker, the recall of that
 * speaker's words (`texts[s]`) in the lines shown under their name (`names[s]`) on the listener's
 * screen (`screens[l]`: lines by speaker name). Totals are over all pairs, weighted by words.
 */
export function recallOnScreens(texts: string[], names: string[], screens: Record<string, string[]>[]) {
  let hits = 0;
  let referenceWords = 0;
  let worstPairRecall = 1;
  const perSpeaker = texts.map(() => ({ hits: 0, words: 0 }));
  screens.forEach((screen, l) =>
    texts.forEach((reference, s) => {
      if (l === s) return;
      const recall = wordRecall(reference, (screen[names[s]!] ?? []).join(" "));
      const words = normalizeWords(reference).length;
      hits += recall * words;
      referenceWords += words;
      perSpeaker[s]!.hits += recall * words;
      perSpeaker[s]!.words += words;
      worstPairRecall = Math.min(worstPairRecall, recall);
    }),
  );
  return {
    wordsOnScreens: Math.round(hits),
    referenceWords,
    recall: referenceWords ? hits / referenceWords : 1,
    worstPairRecall,
    /** By speaker, over the other pages. */
    speakerRecall: perSpeaker.map((x) => (x.words ? x.hits / x.words : 1)),
  };
}

/** A canonical 44-byte-header WAV of 16-bit mono PCM. */
function wavFile(pcm: Buffer, sampleRate: number): Buffer {
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write("WAVE", 8, "ascii");
  header.write("fmt ", 12, "ascii");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36, "ascii");
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}

/** The speech gate of a run: Silero behind WebRTC's VAD (the default), WebRTC's alone, none. */
export type CallGate = "silero" | "webrtc" | "off";

/** One speaker's figures in one run; lags in ms, NaN when no turn of theirs reached a screen. */
export type SpeakerFigures = {
  name: string;
  screenRecall: number;
  storedRecall: number;
  lagP50Ms: number;
  lagP95Ms: number;
  lagSamples: number;
};

/** One run of the scripted call, as the e2e measures it and bench:call prints it. */
export type CallRunResult = {
  gate: CallGate;
  /** stress-ng arguments when the run had CPU contention, else null. */
  stress: string | null;
  callSeconds: number;
  billedSeconds: number;
  receivedSeconds: number;
  billedPerCallSecond: number;
  /** Reference words found on the listeners' screens, over every (listener, other speaker) pair. */
  wordsOnScreens: number;
  referenceWords: number;
  recall: number;
  worstPairRecall: number;
  /** Spread of the five microphones' start times (their files start playing then). */
  micSkewMs: number;
  /** Longest time from a microphone opening to its first audio chunk on the caption socket. */
  captureDelayMs: number;
  usageRows: number;
  /** Recall of all speakers' words in the stored final segments. */
  storedRecall: number;
  /** Caption lag over all speakers: a turn's end to its last final on another page. */
  lagP50Ms: number;
  lagP95Ms: number;
  speakers: SpeakerFigures[];
};

/** What the scripted-call e2e writes to `$CALL_RESULTS_DIR/scripted-call.json`. */
export type CallResults = {
  date: string;
  machine: string;
  call: {
    seconds: number;
    speechSeconds: number;
    silentShare: number;
    people: number;
    turns: number;
    leadInSeconds: number;
    gapSeconds: number;
  };
  /** The calm runs with the default gate (silero) and without one, which the e2e asserts on. */
  on: CallRunResult;
  off: CallRunResult;
  wordsVsUngated: number;
  /** Every run in order: each gate of CALL_GATES, then again under CALL_STRESS when set. */
  runs: CallRunResult[];
};
