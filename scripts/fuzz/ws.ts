import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { createDb } from "../../src/lib/db/client";
import { seedSpeakers } from "../../tests/support/transcription-seed";
import { spawnWsServer } from "../../tests/support/ws-process";
import { fuzzArgs, freshDatabase, mb } from "./setup";
import { fuzzWs } from "./ws-fuzz";

/**
 * `npm run fuzz:ws -- --cases 5000 --seed 42`: hostile frames against a real ws process
 * (PocketSphinx when installed) on a fresh database. Exits 1 on an undocumented close code, a
 * stuck socket, an unhealthy process after, or a forged final stored as someone's words.
 */
const { cases, seed } = fuzzArgs(2_000);
console.log(
  `[fuzz:ws] seed ${seed}, ${cases} cases (replay: npm run fuzz:ws -- --seed ${seed} --cases ${cases})`,
);
const database = await freshDatabase("rooms_fuzz_ws");
const secret = randomBytes(32).toString("base64url");
const logFile = path.join(os.tmpdir(), `rooms-fuzz-ws-${process.pid}.log`);
const ws = await spawnWsServer({ databaseUrl: database.url, secret, logFile });
const { db, pool } = createDb(database.url, 2);
let exitCode = 1;
try {
  // Caption streams are limited per participant per minute: enough speakers that the limit is
  // met now and then, not on every case.
  const speakers = await seedSpeakers(db, Math.ceil(cases / 15) + 2);
  const started = Date.now();
  const r = await fuzzWs({
    url: ws.url,
    metricsUrl: ws.metricsUrl,
    secret,
    speakers,
    db,
    seed,
    cases,
    onProgress: (n) => process.stdout.write(`\r[fuzz:ws] ${n}/${cases}`),
  });
  const alive = ws.child.exitCode === null && ws.child.signalCode === null;
  console.log(
    `\n[fuzz:ws] ${r.cases} cases in ${((Date.now() - started) / 1000).toFixed(1)} s; ${r.authenticated} authenticated`,
  );
  console.log(
    `[fuzz:ws] server closes ${JSON.stringify(r.closes)}; left open (client said bye): ${r.stillOpen}`,
  );
  console.log(
    `[fuzz:ws] process alive: ${alive}; /healthz ${r.healthAfter.status}, connections ${r.healthAfter.connections}; ` +
      `rss ${mb(r.memory.before.rssBytes)} → ${mb(r.memory.after.rssBytes)}, heap used ${mb(r.memory.before.heapUsedBytes)} → ${mb(r.memory.after.heapUsedBytes)}`,
  );
  console.log(`[fuzz:ws] forged finals stored: ${r.forgedSegments}`);
  for (const f of r.failures) console.log(`FAIL #${f.index} ${f.why}: ${f.case}`);
  console.log(`[fuzz:ws] ${r.failures.length} failures (seed ${seed}); server log: ${logFile}`);
  exitCode =
    r.failures.length === 0 &&
    alive &&
    r.healthAfter.status === 200 &&
    r.healthAfter.connections === 0 &&
    !r.forgedSegments
      ? 0
      : 1;
} finally {
  await ws.stop(15_000);
  await pool.end();
  await database.drop().catch((err) => console.warn("[fuzz:ws] dropping the database failed:", err));
}
process.exit(exitCode);
