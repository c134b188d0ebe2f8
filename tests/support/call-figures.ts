import { spawn } from "node:child_process";
import { once } from "node:events";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { participants } from "@/lib/db/schema/sessions";
import { transcriptSegments } from "@/lib/db/schema/transcription";
import type { TimedFinal } from "./call-pages";
import type { CallTurn } from "./call-script";
import { normalizeWords, wordRecall } from "./speech";

/**
 * Figures of one scripted call beyond words on screens, for `npm run bench:call`: how long after a
 * speaker's turn ended its last final reached each listener's screen, what the stored transcript
 * holds per speaker, and CPU contention around a run (stress-ng).
 */

/** Nearest-rank percentile; NaN for no samples. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * Caption lag samples by speaker: for every turn and every other page, the time from the turn's
 * end (the speaker's microphone file started at `micStartAt[s]`, so the script gives the wall
 * clock) to the last final line under the speaker's name that turned final on that page before
 * the speaker's next turn started. A turn none of whose words reached a page adds no sample (that
 * is a recall loss, not a lag); a turn whose tail was lost may give a negative sample.
 */
export function captionLags(
  turns: CallTurn[],
  names: string[],
  micStartAt: number[],
  screens: TimedFinal[][],
): number[][] {
  const lags = names.map(() => [] as number[]);
  for (const x of captionLagSamples(turns, names, micStartAt, screens)) lags[x.speaker]!.push(x.ms);
  return lags;
}

/** The samples of captionLags, each with whose turn (index in `turns`) and on whose page. */
export function captionLagSamples(
  turns: CallTurn[],
  names: string[],
  micStartAt: number[],
  screens: TimedFinal[][],
) {
  const samples: { speaker: number; listener: number; turn: number; ms: number }[] = [];
  turns.forEach((turn, k) => {
    const s = turn.person;
    const from = micStartAt[s]! + turn.startMs;
    const next = turns.slice(k + 1).find((t) => t.person === s);
    const until = next ? micStartAt[s]! + next.startMs : Number.POSITIVE_INFINITY;
    screens.forEach((lines, l) => {
      if (l === s) return;
      const mine = lines.filter((x) => x.speaker === names[s] && x.at >= from && x.at < until);
      if (mine.length === 0) return;
      const ms = Math.max(...mine.map((x) => x.at)) - (micStartAt[s]! + turn.endMs);
      samples.push({ speaker: s, listener: l, turn: k, ms });
    });
  });
  return samples;
}

/**
 * Recall of each speaker's words in the session's stored final segments under their name, and
 * over all speakers (weighted by words).
 */
export async function storedRecall(db: Db, sessionId: string, texts: string[], names: string[]) {
  const rows = await db
    .select({ name: participants.displayName, text: transcriptSegments.text })
    .from(transcriptSegments)
    .innerJoin(participants, eq(participants.id, transcriptSegments.participantId))
    .where(and(eq(transcriptSegments.videoSessionId, sessionId), eq(transcriptSegments.isFinal, true)));
  const perSpeaker = texts.map((reference, s) =>
    wordRecall(
      reference,
      rows
        .filter((r) => r.name === names[s])
        .map((r) => r.text)
        .join(" "),
    ),
  );
  const words = texts.map((t) => normalizeWords(t).length);
  const total = words.reduce((a, b) => a + b, 0);
  return { perSpeaker, overall: perSpeaker.reduce((n, r, s) => n + r * words[s]!, 0) / total };
}

/**
 * Starts `stress-ng` with `args` (e.g. "--cpu 2 --cpu-load 60"), bounded by its own --timeout
 * so that a crashed run leaves no load behind; resolves to a stop function.
 */
export async function startStress(args: string, maxSeconds: number): Promise<() => Promise<void>> {
  const child = spawn("stress-ng", [...args.split(/\s+/).filter(Boolean), "--timeout", `${maxSeconds}s`], {
    stdio: "ignore",
  });
  const exited = once(child, "exit");
  await Promise.race([
    once(child, "spawn"),
    once(child, "error").then(([e]) => {
      throw new Error(`stress-ng could not start (${(e as Error).message}): apt-get install stress-ng`);
    }),
  ]);
  return async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
}
