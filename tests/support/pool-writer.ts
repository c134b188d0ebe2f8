/**
 * A second process for database concurrency tests: upserts `count` large rows through its own
 * pool and prints how many succeeded. Usage: node --import tsx pool-writer.ts URL WHO COUNT BYTES
 */
import pg from "pg";

const [url, who, count, bytes] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: url, max: 10 });
const results = await Promise.allSettled(
  Array.from({ length: Number(count) }, (_, i) =>
    pool.query(
      "insert into embedded_probe (k, who, v) values ($1, $2, $3) on conflict (k) do update set who = excluded.who, v = excluded.v",
      [`k${i}`, who, `${who}:${i}:`.padEnd(Number(bytes), "x")],
    ),
  ),
);
await pool.end();
const failed = results.flatMap((r) => (r.status === "rejected" ? [String(r.reason)] : []));
console.log(JSON.stringify({ ok: results.length - failed.length, failed: failed.slice(0, 3) }));
