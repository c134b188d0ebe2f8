import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { participants } from "@/lib/db/schema/sessions";
import { transcriptSegments, transcriptionUsage } from "@/lib/db/schema/transcription";
import { audioSeconds } from "@/modules/core/captions/domain/audio";
import type { CallTurn } from "./call-script";
import { recognizeAlone } from "./recognizer-alone";
import { normalizeWords, wordRecall } from "./speech";

/**
 * Pieces of the stress e2e (tests/e2e/stress-call.test.ts): what the host's panel showed, turn
 * windows on the wall clock, the WAVs as the browsers send them, and the ws process's metrics.
 */

export type HealthSeen = { name: string; state: string; at: number };

/** Runs in the host's page: every caption state its participants panel shows, as it changes. */
export function healthHistoryHook() {
  const w = window as unknown as { __health: HealthSeen[] };
  w.__health = [];
  const last = new Map<string, string>();
  new MutationObserver(() => {
    for (const li of document.querySelectorAll("li[data-identity]")) {
      const state = li.querySelector("[data-caption-health]")?.getAttribute("data-caption-health");
      const name = (li.querySelector("p")?.textContent ?? "").replace(/ \(you\)$/, "");
      if (!state || last.get(name) === state) continue;
      last.set(name, state);
      w.__health.push({ name, state, at: Date.now() });
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });
}

/** The wall-clock window of a turn (its speaker's microphone file started at `micAt`). */
export const turnWindow = (t: CallTurn, micAt: number[]) => [
  micAt[t.person]! + t.startMs,
  micAt[t.person]! + t.endMs,
];

/** 16 kHz mono PCM of a WAV, as the browser's worklet sends it (sox resamples). */
export const pcm16k = (wav: string) =>
  execFileSync("sox", [wav, "-t", "raw", "-r", "16000", "-e", "signed", "-b", "16", "-c", "1", "-"], {
    maxBuffer: 64 * 1024 * 1024,
  });

export const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** A counter's value (summed over its labels) from a Prometheus text endpoint. */
export async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(url)).text();
  return text
    .split("\n")
    .filter((l) => l.startsWith(name) && !l.startsWith("#"))
    .reduce((n, l) => n + Number(l.split(" ").at(-1)), 0);
}

export type StreamUsage = Awaited<ReturnType<typeof usageRows>>[number];

const usageRows = (db: Db, sessionId: string) =>
  db
    .select({
      streamId: transcriptionUsage.streamId,
      name: participants.displayName,
      audio: transcriptionUsage.audioSeconds,
      billed: transcriptionUsage.billedSeconds,
      dropped: transcriptionUsage.droppedSeconds,
    })
    .from(transcriptionUsage)
    .innerJoin(participants, eq(participants.id, transcriptionUsage.participantId))
    .where(eq(transcriptionUsage.videoSessionId, sessionId));

/** The session's usage rows once at least `streams` exist and two reads 2 s apart agree (≤ 30 s). */
export async function settledUsage(db: Db, sessionId: string, streams: number) {
  let usage = await usageRows(db, sessionId);
  for (let waited = 0; waited < 30_000; waited += 2_000) {
    await new Promise((r) => setTimeout(r, 2_000));
    const next = await usageRows(db, sessionId);
    if (JSON.stringify(next) === JSON.stringify(usage) && next.length >= streams) break;
    usage = next;
  }
  return usage;
}

/** The session's stored finals with their speaker's name. */
export const storedFinals = (db: Db, sessionId: string) =>
  db
    .select({
      name: participants.displayName,
      id: transcriptSegments.utteranceId,
      text: transcriptSegments.text,
    })
    .from(transcriptSegments)
    .innerJoin(participants, eq(participants.id, transcriptSegments.participantId))
    .where(and(eq(transcriptSegments.videoSessionId, sessionId), eq(transcriptSegments.isFinal, true)));

/** What the ws process kept (WS_RECORD_RECEIVED_DIR) from each of `name`'s streams, in order. */
export function receivedStreams(dir: string, usage: StreamUsage[], name: string): Buffer[] {
  return usage
    .filter((u) => u.name === name)
    .map((u) => {
      try {
        return readFileSync(path.join(dir, `${u.streamId}.pcm`));
      } catch {
        return Buffer.alloc(0); // a stream that never relayed audio
      }
    });
}

/**
 * The recognizer alone on each of every speaker's streams apart, the texts joined per speaker: a
 * reset ends a stream mid-sentence on the server, so the lone run must hear the same break. Run on
 * the streams joined, it heard whole a sentence the server only ever had in two parts (run 17 held
 * the reset speaker to that: 10 of 13 words).
 */
export async function aloneOnStreams(streams: Buffer[][]): Promise<string[]> {
  const texts = await recognizeAlone(streams.flat());
  let next = 0;
  return streams.map((own) => own.map(() => texts[next++]!).join(" "));
}

/** The turns that neither overlap nor touch any of the `[from, to]` wall-clock windows. */
export const turnsOutside = (turns: CallTurn[], micAt: number[], windows: number[][]) =>
  turns.filter((t) => {
    const [from, to] = turnWindow(t, micAt);
    return windows.every(([a, b]) => to! < a! || from! > b!);
  });

/**
 * Each speaker's words: stored against the reference text (what they said), the recognizer alone
 * against it on the WAV and on what the server received, and the ratio of the first to the last
 * (how many of the words the recognizer gets right on what the server received the server kept).
 * A ratio of recalls, not the recall of the lone run's words in the stored ones: that counted the
 * lone run's own misrecognitions as words the server lost.
 */
export function speakerWords(x: {
  texts: string[];
  names: string[];
  stored: { name: string; text: string }[];
  receivedPcm: Buffer[];
  aloneOnReceived: string[];
  aloneOnWav: string[];
  usage: StreamUsage[];
}) {
  return x.names.map((name, s) => {
    const stored = x.stored
      .filter((f) => f.name === name)
      .map((f) => f.text)
      .join(" ");
    const storedVsWav = wordRecall(x.texts[s]!, stored);
    const aloneOnReceived = wordRecall(x.texts[s]!, x.aloneOnReceived[s]!);
    const words = normalizeWords(x.texts[s]!).length;
    return {
      name,
      // The same recalls as whole words of the script: a ratio of small counts needs them.
      storedWords: Math.round(storedVsWav * words),
      aloneWords: Math.round(aloneOnReceived * words),
      storedVsWav,
      aloneOnWav: wordRecall(x.texts[s]!, x.aloneOnWav[s]!),
      aloneOnReceived,
      storedVsAlone: aloneOnReceived > 0 ? storedVsWav / aloneOnReceived : 0,
      receivedSeconds: audioSeconds(x.receivedPcm[s]!.length),
      streams: x.usage.filter((u) => u.name === name).length,
    };
  });
}

export const describeSpeaker = (r: ReturnType<typeof speakerWords>[number]) =>
  `${r.name}: stored vs WAV ${pct(r.storedVsWav)}, recognizer alone on the WAV ${pct(r.aloneOnWav)}, ` +
  `on what the server received ${pct(r.aloneOnReceived)} (${r.receivedSeconds.toFixed(1)} s in ` +
  `${r.streams} streams); stored ÷ alone on received ${pct(r.storedVsAlone)} (${r.storedWords} / ${r.aloneWords} words)`;
