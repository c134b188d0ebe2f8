import { randomBytes, randomInt } from "node:crypto";
import { parseArgs } from "node:util";
import pg from "pg";
import { createDb } from "../../src/lib/db/client";
import { runMigrations } from "../../src/lib/db/migrate";

/** `--cases N --seed S [--http]`; without a seed, a random one (printed, so the run can be replayed). */
export function fuzzArgs(defaultCases: number): { cases: number; seed: number; http: boolean } {
  const { values } = parseArgs({
    options: { cases: { type: "string" }, seed: { type: "string" }, http: { type: "boolean" } },
  });
  const cases = Number(values.cases ?? defaultCases);
  const seed = values.seed === undefined ? randomInt(2 ** 31 - 1) : Number(values.seed);
  if (!Number.isInteger(cases) || cases < 1 || !Number.isInteger(seed)) {
    throw new Error("usage: --cases <positive integer> --seed <integer>");
  }
  return { cases, seed, http: values.http ?? false };
}

/** A fresh migrated database on the PostgreSQL at TEST_DATABASE_URL, and how to drop it. */
export async function freshDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin)
    throw new Error("TEST_DATABASE_URL is not set: run through `npm run fuzz:*` (scripts/services.sh)");
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const run = async (sql: string) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  await run(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const { db, pool } = createDb(url.toString(), 2);
  await runMigrations(db);
  await pool.end();
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
