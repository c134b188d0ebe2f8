import { expect } from "vitest";
import { percentile } from "./call-figures";
import type { TimedFinal } from "./call-pages";
import { describeSpeaker, type HealthSeen, type speakerWords, type StreamUsage } from "./stress-call";

/** What one attempt of the stress call measured (tests/e2e/stress-call.test.ts). */
export type StressOutcome = {
  names: string[];
  /** Index of the speaker whose socket was stalled. */
  stalled: number;
  boundMs: number;
  /** A final's budget from a turn's end to a listener's screen. */
  screenBudgetMs: number;
  callSeconds: number;
  /** The host panel's caption states: over the call, and as the microphones went off. */
  history: HealthSeen[];
  liveBeforeMute: HealthSeen[];
  stallAt: number;
  stallEnd: number;
  resetAt: number;
  /** When the reset speaker's new socket got `ready` (null: never). */
  resetEnd: number | null;
  rows: ReturnType<typeof speakerWords>;
  storedIds: string[];
  listeners: TimedFinal[][];
  /** Screen lags outside the fault windows (ms). */
  lags: number[];
  /** The slowest of them, who to whom (a starved listener or a starved speaker's relay). */
  slowestLags: string[];
  usage: StreamUsage[];
  /** The ws process's counters over the attempt. */
  server: { finals: number; within: number; dropped: number };
};

const billedOf = (o: StressOutcome) => o.usage.reduce((n, u) => n + Number(u.billed), 0);
const receivedOf = (o: StressOutcome) => o.rows.reduce((n, r) => n + r.receivedSeconds, 0);

/** The attempt's figures, one line each; `about` opens the first (the machine, the faults). */
export function stressFigures(o: StressOutcome, about: string, zeroAt: number): string[] {
  const notBilled = o.usage.reduce((n, u) => n + Number(u.dropped), 0);
  return [
    `${about}; stall ${o.stallEnd - o.stallAt} ms from ${o.stallAt - zeroAt} ms (the panel's clock below), ` +
      `reset → new socket ${o.resetEnd ? `${o.resetEnd - o.resetAt} ms` : "never"}`,
    ...o.rows.map(describeSpeaker),
    `caption lag outside the faults p50 ${percentile(o.lags, 50)} ms, p95 ${percentile(o.lags, 95)} ms ` +
      `(${o.lags.length} samples; slowest ${o.slowestLags.join(", ")}); billed ${billedOf(o).toFixed(1)} s, received ${receivedOf(o).toFixed(1)} s, ` +
      `dropped by the recognizer ${o.server.dropped.toFixed(1)} s (${notBilled.toFixed(1)} s of it stored as not billed); ` +
      `server-side lag within ${o.boundMs} ms for ${o.server.within} of ${o.server.finals} finals`,
    `host's panel: ${JSON.stringify(o.history.map((h) => [h.name, h.state, h.at - zeroAt]))}`,
  ].map((line) => `[stress-call] ${line}`);
}

/**
 * What the stress call must hold: no participant's captions end closed for good (the host's panel
 * never shows an error, everyone's state is live before the microphones go off, the reset speaker
 * got a new socket); the call's stored words ≥ 85 % of the words PocketSphinx alone gets right on
 * the audio the ws process received (WS_RECORD_RECEIVED_DIR keeps it), and each speaker's too,
 * less one word (a small count); every final on a listener's screen stored exactly once; outside
 * the fault windows the p95 lag from a turn's end to its final on a listener's screen ≤ the
 * screen budget (the bound + what lies between the server and a screen); billed seconds ≤ what
 * reached the recognizer (received, minus what it dropped); on the server (ws_final_lag_seconds)
 * ≥ 95 % of all finals within the bound, fault windows included; the host's panel showed the
 * stalled speaker "delayed" by the stall's end + 15 s (his browser reports it once its audio goes
 * 3 s unheard, the recognizer when the burst puts it behind).
 */
export function expectStressCallHeld(o: StressOutcome) {
  // Nobody's captions closed for good.
  expect(o.history.filter((h) => h.state === "error")).toEqual([]);
  for (const name of o.names) {
    const lastState = o.liveBeforeMute.filter((h) => h.name === name).at(-1)?.state;
    expect([name, lastState]).toEqual([name, expect.stringMatching(/^(streaming|delayed|catching_up)$/)]);
  }
  expect(o.resetEnd).not.toBeNull();
  // The server kept what it received (else the comparison below would be vacuous).
  for (const r of o.rows) {
    expect([r.name, r.receivedSeconds]).toEqual([
      r.name,
      expect.toSatisfy((x: number) => x > 0.5 * o.callSeconds),
    ]);
  }
  // Words: the server keeps ≥ 85 % of what the recognizer alone gets from what it received, over
  // the call and for each speaker. A starved browser can send so little that one word is 17 %
  // (run 11: 5 of 6), so each speaker may be one word short of the 85 %; the call may not.
  for (const r of o.rows)
    expect([r.name, r.storedWords]).toEqual([
      r.name,
      expect.toSatisfy((n: number) => n >= Math.ceil(0.85 * r.aloneWords) - 1),
    ]);
  const words = (k: "storedWords" | "aloneWords") => o.rows.reduce((n, r) => n + r[k], 0);
  expect(words("storedWords")).toBeGreaterThanOrEqual(0.85 * words("aloneWords"));
  // Every final shown on a listener's screen is stored, and once.
  expect(new Set(o.storedIds).size).toBe(o.storedIds.length);
  for (const ids of o.listeners.map((lines) => lines.map((x) => x.id))) {
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !o.storedIds.includes(id))).toEqual([]);
  }
  // On the server, the bound holds for ≥ 95 % of all finals, the stall's burst included: it sheds.
  expect(o.server.finals).toBeGreaterThanOrEqual(12);
  expect(o.server.within / o.server.finals).toBeGreaterThanOrEqual(0.95);
  // Lag outside the fault windows, over enough samples to mean something.
  expect(o.lags.length).toBeGreaterThanOrEqual(12);
  expect(percentile(o.lags, 95)).toBeLessThanOrEqual(o.screenBudgetMs);
  // Billed never more than what the recognizer was given and kept.
  for (const u of o.usage) {
    const got = o.rows.find((r) => r.name === u.name)!;
    expect(Number(u.billed) + Number(u.dropped)).toBeLessThanOrEqual(got.receivedSeconds + 0.01);
  }
  expect(billedOf(o)).toBeLessThanOrEqual(receivedOf(o) - o.server.dropped + 0.01);
  // The host saw the stalled speaker's captions delayed while the burst was decoded.
  const behind = o.history.filter((h) => h.name === o.names[o.stalled] && h.state === "delayed");
  expect(behind.some((h) => h.at >= o.stallAt && h.at <= o.stallEnd + 15_000)).toBe(true);
}

/**
 * Runs `check`; a failed expectation carries the attempt's figures in its message, so the end of a
 * CI log (scripts/vitest-summary.mjs prints each failure there) says what the call measured.
 */
export function withFigures(figures: string[], check: () => void) {
  try {
    check();
  } catch (err) {
    if (err instanceof Error) {
      const extra = `\n${figures.join("\n")}`;
      err.message += extra;
      // A stack formatted before (V8 does so lazily) still starts with the message as thrown.
      if (err.stack && !err.stack.includes(extra))
        err.stack = err.stack.replace(/\n\s+at /, (at) => `${extra}${at}`);
    }
    throw err;
  }
}
