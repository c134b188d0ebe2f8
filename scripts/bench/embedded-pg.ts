/**
 * Embedded PostgreSQL start-up and write figures: `npm run bench:embedded-pg`.
 * Fresh cluster (initdb + start), start of an existing cluster, restart, fast stop, and 200
 * upserts of 200 KB through one pool of 10 connections. Median of RUNS repetitions.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb } from "@/lib/db/client";
import { startEmbeddedPostgres } from "@/lib/db/embedded";

const RUNS = 5;
const UPSERTS = 200;
const BYTES = 200_000;

const timings: Record<string, number[]> = {};
const time = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
  const t0 = performance.now();
  const result = await fn();
  (timings[name] ??= []).push(performance.now() - t0);
  return result;
};

for (let run = 0; run < RUNS; run++) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "rooms-bench-pg-"));
  fs.chmodSync(root, 0o755); // reachable by the server user under root
  const dataDir = path.join(root, "postgres");
  try {
    const first = await time("initdb + start (fresh data dir)", () => startEmbeddedPostgres({ dataDir }));
    await time("fast stop", () => first.stop());
    const pg = await time("start (existing data dir)", () => startEmbeddedPostgres({ dataDir }));
    await time("restart", () => pg.restart());
    const { pool } = createDb(pg.url, 10);
    await pool.query("create table probe (k text primary key, v text not null)");
    await time(`${UPSERTS} upserts of ${BYTES / 1000} KB, pool of 10`, () =>
      Promise.all(
        Array.from({ length: UPSERTS }, (_, i) =>
          pool.query("insert into probe values ($1, $2) on conflict (k) do update set v = excluded.v", [
            `k${i % 50}`,
            `${i}`.padEnd(BYTES, "x"),
          ]),
        ),
      ),
    );
    await pool.end();
    await pg.stop();
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
console.log(`| step | median of ${RUNS} | min | max |\n| --- | --- | --- | --- |`);
for (const [name, xs] of Object.entries(timings)) {
  const f = (x: number) => `${Math.round(x)} ms`;
  console.log(`| ${name} | ${f(median(xs))} | ${f(Math.min(...xs))} | ${f(Math.max(...xs))} |`);
}
