/**
 * `npm run bench:call`: issue 8's scripted 5-person call in Chromium (tests/e2e/scripted-call.test.ts)
 * — five browsers with their own fake microphones on the real LiveKit server, ws server and
 * PocketSphinx, once with the speech gate on and once off. This runs that e2e file (it starts
 * everything the e2e project does and uses its ports: hold the e2e lock, as the npm script does)
 * and prints its figures as a table row for docs/benchmarks.md. The e2e writes them to
 * `$CALL_RESULTS_DIR/scripted-call.json`.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { CallResults as Results } from "../../tests/support/call-script";

const dir = mkdtempSync(path.join(os.tmpdir(), "rooms-bench-call-"));
const vitest = spawnSync("npx", ["vitest", "run", "--project", "e2e", "tests/e2e/scripted-call.test.ts"], {
  stdio: "inherit",
  env: { ...process.env, CALL_RESULTS_DIR: dir },
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
const c = results.call;
console.log(
  `\ncall: ${c.seconds.toFixed(1)} s, ${c.people} people, ${c.turns} turns, speech ` +
    `${c.speechSeconds.toFixed(1)} s (nobody speaks ${pct(c.silentShare)}); ${results.machine}; ${results.date}\n`,
);
console.log(
  "| gating | received (5 mics) | billed | billed ÷ call | words on screens | words vs ungated | mic skew |",
);
console.log(
  "| ------ | ----------------- | ------ | ------------- | ---------------- | ---------------- | -------- |",
);
for (const [name, r] of [
  ["on", results.on],
  ["off", results.off],
] as const) {
  console.log(
    `| ${name} | ${r.receivedSeconds.toFixed(1)} s | ${r.billedSeconds.toFixed(1)} s | ` +
      `${r.billedPerCallSecond.toFixed(2)} | ${r.wordsOnScreens}/${r.referenceWords} = ${pct(r.recall)} ` +
      `(worst pair ${pct(r.worstPairRecall)}) | ${name === "on" ? pct(results.wordsVsUngated) : "—"} | ` +
      `${r.micSkewMs} ms |`,
  );
}
process.exit(vitest.status ?? 1);
