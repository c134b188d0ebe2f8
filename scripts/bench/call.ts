/**
 * `npm run bench:call`: issue 8's scripted 5-person call in Chromium (tests/e2e/scripted-call.test.ts)
 * — five browsers with their own fake microphones on the real LiveKit server, ws server and
 * PocketSphinx, once per speech gate. This runs that e2e file (it starts everything the e2e
 * project does and uses its ports: hold the e2e lock, as the npm script does) and prints its
 * figures as tables for docs/benchmarks.md: billed ÷ call, recall on the listeners' screens and in
 * the stored transcript, and caption lag (a turn's end → its last final on another page) p50/p95,
 * overall and per speaker. The e2e writes them to `$CALL_RESULTS_DIR/scripted-call.json`.
 *
 * Environment:
 *   BENCH_CALL_GATES        gates to run, in order (default "silero,webrtc,off"; must include
 *                           silero and off, which the e2e asserts on)
 *   BENCH_CALL_STRESS=1     run every gate again under CPU contention from stress-ng (installed
 *                           with apt-get when missing)
 *   BENCH_CALL_STRESS_ARGS  stress-ng arguments (default "--cpu 2 --cpu-load 60"); each stressed
 *                           run is bounded by --timeout (call length + 120 s) and stopped when its
 *                           finals settle
 * The exit status is the e2e's: under stress its bars (on the calm runs) still apply.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { CallResults as Results, CallRunResult } from "../../tests/support/call-script";

const gates = process.env.BENCH_CALL_GATES ?? "silero,webrtc,off";
const stress =
  process.env.BENCH_CALL_STRESS === "1"
    ? (process.env.BENCH_CALL_STRESS_ARGS ?? "--cpu 2 --cpu-load 60")
    : "";

function ensureStressNg() {
  if (spawnSync("stress-ng", ["--version"]).status === 0) return;
  const sudo = process.getuid?.() === 0 ? [] : ["sudo", "-n"];
  if (sudo.length && spawnSync("sudo", ["-n", "true"]).status !== 0) {
    console.error("BENCH_CALL_STRESS=1 needs stress-ng: sudo apt-get install stress-ng");
    process.exit(1);
  }
  console.error("installing stress-ng");
  for (const args of [
    ["update", "-q"],
    ["install", "-y", "-q", "stress-ng"],
  ]) {
    const [cmd, ...rest] = [...sudo, "apt-get", ...args];
    const r = spawnSync(cmd!, rest, {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (r.status !== 0) {
      console.error("could not install stress-ng: apt-get install stress-ng");
      process.exit(1);
    }
  }
}
if (stress) ensureStressNg();

const dir = mkdtempSync(path.join(os.tmpdir(), "rooms-bench-call-"));
const vitest = spawnSync("npx", ["vitest", "run", "--project", "e2e", "tests/e2e/scripted-call.test.ts"], {
  stdio: "inherit",
  env: { ...process.env, CALL_RESULTS_DIR: dir, CALL_GATES: gates, CALL_STRESS: stress },
});
let results: Results;
try {
  results = JSON.parse(readFileSync(path.join(dir, "scripted-call.json"), "utf8")) as Results;
} catch {
  console.error(`no figures: the e2e run ended with ${vitest.status} before writing them`);
  process.exit(1);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const ms = (x: number | null) => (x === null || Number.isNaN(x) ? "—" : `${(x / 1000).toFixed(1)} s`);
const label = (r: CallRunResult) => `${r.gate}${r.stress ? " + stress" : ""}`;
const row = (cells: string[]) => console.log(`| ${cells.join(" | ")} |`);
const head = (cells: string[]) => {
  row(cells);
  row(cells.map((c) => "-".repeat(c.length)));
};

const c = results.call;
console.log(
  `\ncall: ${c.seconds.toFixed(1)} s, ${c.people} people, ${c.turns} turns, speech ` +
    `${c.speechSeconds.toFixed(1)} s (nobody speaks ${pct(c.silentShare)}); ${results.machine}; ${results.date}` +
    (stress ? `; stress: stress-ng ${stress}` : "") +
    "\n",
);
head([
  "gate",
  "received (5 mics)",
  "billed",
  "billed ÷ call",
  "words on screens",
  "stored transcript",
  "lag p50",
  "lag p95",
  "mic skew",
]);
for (const r of results.runs) {
  row([
    label(r),
    `${r.receivedSeconds.toFixed(1)} s`,
    `${r.billedSeconds.toFixed(1)} s`,
    r.billedPerCallSecond.toFixed(2),
    `${r.wordsOnScreens}/${r.referenceWords} = ${pct(r.recall)} (worst pair ${pct(r.worstPairRecall)})`,
    pct(r.storedRecall),
    ms(r.lagP50Ms),
    ms(r.lagP95Ms),
    `${r.micSkewMs} ms`,
  ]);
}
console.log("\nper speaker: recall on the other screens / stored, lag p50 / p95 (samples)\n");
head(["gate", ...results.runs[0]!.speakers.map((s) => s.name)]);
for (const r of results.runs) {
  row([
    label(r),
    ...r.speakers.map(
      (s) =>
        `${pct(s.screenRecall)} / ${pct(s.storedRecall)}, ${ms(s.lagP50Ms)} / ${ms(s.lagP95Ms)} (${s.lagSamples})`,
    ),
  ]);
}
process.exit(vitest.status ?? 1);
