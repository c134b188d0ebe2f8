/**
 * `npm run bench:writer`: the batch writer (src/modules/core/captions/infra/segment-writer.ts)
 * with the ws server's settings, into real PostgreSQL.
 *  (a) throughput: 50,000 finals offered as fast as the writer accepts them (it refuses above its
 *      bound; the generator waits then, as clients would keep and re-send) → finals/s, rows per
 *      statement;
 *  (b) 100 simulated speakers, each producing a final every 2–4 s for 30 s → statements/s and
 *      rows per statement at a realistic rate.
 * Every statement the writer issues is counted at the pool. Needs TEST_DATABASE_URL (scripts/bench.sh).
 */
import { randomBytes } from "node:crypto";
import os from "node:os";
import { drizzle } from "drizzle-orm/node-postgres";
import { Pool } from "pg";
import {
  createSegmentWriter,
  type PendingSegment,
} from "../../src/modules/core/captions/infra/segment-writer";
import { backoffMs, SETTINGS } from "../../ws/server/settings";
import { createDatabase, dropDatabase } from "../../tests/support/next-server";
import { seedSpeakers, type Speaker } from "../../tests/support/transcription-seed";

const THROUGHPUT_FINALS = Number(process.env.BENCH_FINALS ?? 50_000);
const SPEAKERS = 100;
const REALTIME_S = Number(process.env.BENCH_DURATION ?? 30);

const TEXT = "the design work is finished and the team will begin testing next week";

async function main() {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error("TEST_DATABASE_URL is not set: run `npm run bench:writer` (scripts/bench.sh)");
  const dbName = `rooms_bench_writer_${randomBytes(4).toString("hex")}`;
  const url = await createDatabase(admin, dbName);
  const pool = new Pool({ connectionString: url, max: 10 });
  let statements = 0;
  const query = pool.query.bind(pool) as (...a: unknown[]) => Promise<unknown>;
  (pool as unknown as { query: unknown }).query = (...a: unknown[]) => {
    statements++;
    return query(...a);
  };
  const db = drizzle({ client: pool, casing: "snake_case" });
  try {
    const speakers = await seedSpeakers(db, SPEAKERS);
    let seq = 0;
    const final = (s: Speaker, onStored: () => void): PendingSegment => ({
      videoSessionId: s.sessionId,
      participantId: s.participantId,
      utteranceId: `bench-${seq++}`,
      text: TEXT,
      language: "en",
      startMs: seq * 1000,
      endMs: seq * 1000 + 2400,
      confidence: 0.91,
      provider: "bench",
      onStored,
    });

    // (a) throughput
    const batches: number[] = [];
    let writer = createSegmentWriter(db, {
      ...SETTINGS.writer,
      backoffMs,
      observer: { flushed: (rows) => batches.push(rows) },
    });
    statements = 0;
    let stored = 0;
    const started = performance.now();
    for (let i = 0; i < THROUGHPUT_FINALS; i++) {
      while (!writer.add(final(speakers[i % SPEAKERS]!, () => stored++))) {
        await new Promise((r) => setTimeout(r, 1));
      }
      if (i % 1000 === 0) await new Promise((r) => setImmediate(r));
    }
    await writer.drain();
    const seconds = (performance.now() - started) / 1000;
    const throughput = {
      finals: stored,
      seconds: +seconds.toFixed(2),
      finalsPerSecond: Math.round(stored / seconds),
      statements,
      rowsPerStatement: +(stored / statements).toFixed(1),
      largestBatch: Math.max(...batches),
    };
    console.log(JSON.stringify({ part: "throughput", ...throughput }));

    // (b) 100 speakers in real time
    batches.length = 0;
    writer = createSegmentWriter(db, {
      ...SETTINGS.writer,
      backoffMs,
      observer: { flushed: (rows) => batches.push(rows) },
    });
    statements = 0;
    let made = 0;
    let acked = 0;
    const began = Date.now();
    const end = began + REALTIME_S * 1000;
    await Promise.all(
      speakers.map(async (s) => {
        while (Date.now() < end) {
          await new Promise((r) => setTimeout(r, 2000 + Math.random() * 2000));
          writer.add(final(s, () => acked++));
          made++;
        }
      }),
    );
    await writer.drain();
    const elapsed = (Date.now() - began) / 1000;
    console.log(
      JSON.stringify({
        part: "100 speakers",
        seconds: +elapsed.toFixed(1),
        finals: made,
        stored: acked,
        finalsPerSecond: +(made / elapsed).toFixed(1),
        statements,
        statementsPerSecond: +(statements / elapsed).toFixed(2),
        rowsPerStatement: +(acked / statements).toFixed(1),
        flushIntervalMs: SETTINGS.writer.flushIntervalMs,
      }),
    );
    console.log(
      JSON.stringify({
        machine: `${os.cpus().length} × ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)}`,
      }),
    );
  } finally {
    await pool.end();
    await dropDatabase(admin, dbName);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
