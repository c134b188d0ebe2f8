import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";

const TABLES = [
  "users",
  "accounts",
  "auth_sessions",
  "verification_tokens",
  "spaces",
  "space_members",
  "video_sessions",
  "participants",
  "transcript_segments",
  "transcription_usage",
  "session_analyses",
  "tasks",
];

function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'TEST_DATABASE_URL is not set: run `npm test`, or `eval "$(scripts/services.sh start)"` first',
    );
  }
  return url;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

// A database of its own, so the real migrations run from an empty state on a real PostgreSQL.
describe("drizzle migrations on PostgreSQL", () => {
  const name = `rooms_mig_${randomBytes(4).toString("hex")}`;
  let handle: ReturnType<typeof createDb>;

  beforeAll(async () => {
    await admin((c) => c.query(`create database ${name}`));
    const url = new URL(adminUrl());
    url.pathname = `/${name}`;
    handle = createDb(url.toString(), 2);
    await runMigrations(handle.db);
  });

  afterAll(async () => {
    await handle?.pool.end();
    await admin((c) => c.query(`drop database if exists ${name} with (force)`));
  });

  it("creates the tables of the data model", async () => {
    const { rows } = await handle.pool.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'",
    );
    // Containment, not equality: later migrations add tables without touching this list.
    expect(rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(TABLES));
  });

  it("makes (video_session_id, utterance_id) unique on transcript_segments", async () => {
    // Batched transcript upserts rely on this key (ON CONFLICT), so check the catalog, not just the SQL file.
    const constraints = await handle.pool.query<{ cols: string[] }>(`
      select array_agg(a.attname::text order by k.ord) as cols
      from pg_constraint c
      join pg_class t on t.oid = c.conrelid
      cross join lateral unnest(c.conkey) with ordinality as k(attnum, ord)
      join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
      where t.relname = 'transcript_segments' and c.contype = 'u'
      group by c.oid`);
    expect(constraints.rows.map((r) => r.cols)).toContainEqual(["video_session_id", "utterance_id"]);

    const indexes = await handle.pool.query<{ indexdef: string }>(
      "select indexdef from pg_indexes where schemaname = 'public' and tablename = 'transcript_segments'",
    );
    expect(indexes.rows.map((r) => r.indexdef)).toContainEqual(
      expect.stringMatching(/^CREATE UNIQUE INDEX .* \(video_session_id, utterance_id\)$/),
    );
  });

  it("is a no-op when run again", async () => {
    const count = () =>
      handle.pool.query<{ n: number }>("select count(*)::int as n from drizzle.__drizzle_migrations");
    const before = (await count()).rows[0]?.n;
    await runMigrations(handle.db);
    expect((await count()).rows[0]?.n).toBe(before);
  });
});
