import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { EMBEDDED_POOL_MAX, EmbeddedPostgresError, startEmbeddedPostgres } from "@/lib/db/embedded";
import { runMigrations } from "@/lib/db/migrate";
import { users } from "@/lib/db/schema/identity";

// The zero-config path (`npm start` with no DATABASE_URL): PGlite behind pglite-socket, reached
// through the same `pg` driver and migrator as production.
describe("embedded PostgreSQL (PGlite over pglite-socket)", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "rooms-pglite-"));
  const dataDir = path.join(root, "pglite");
  const email = `ada-${Date.now()}@example.test`;

  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  const migrationCount = async (pool: ReturnType<typeof createDb>["pool"]) =>
    (await pool.query<{ n: number }>("select count(*)::int as n from drizzle.__drizzle_migrations")).rows[0]
      ?.n;

  it("migrates a fresh data dir and stores a row", async () => {
    const pg = await startEmbeddedPostgres({ dataDir, port: 0 });
    expect(pg.port).toBeGreaterThan(0);
    expect(pg.url).toBe(`postgres://postgres:postgres@127.0.0.1:${pg.port}/postgres?sslmode=disable`);
    const { db, pool } = createDb(pg.url, EMBEDDED_POOL_MAX);
    try {
      await runMigrations(db);
      expect(await migrationCount(pool)).toBeGreaterThan(0);
      const [row] = await db.insert(users).values({ name: "Ada", email }).returning();
      expect(row?.id).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await pool.end();
      await pg.stop();
    }
  });

  it("keeps data across a restart and does not re-apply migrations", async () => {
    const pg = await startEmbeddedPostgres({ dataDir, port: 0 });
    const { db, pool } = createDb(pg.url, EMBEDDED_POOL_MAX);
    try {
      const applied = await migrationCount(pool);
      await runMigrations(db);
      expect(await migrationCount(pool)).toBe(applied);
      const rows = await db.select().from(users).where(eq(users.email, email));
      expect(rows.map((r) => r.name)).toEqual(["Ada"]);
    } finally {
      await pool.end();
      await pg.stop();
    }
  });

  it("refuses to open a data dir that is already open", async () => {
    const pg = await startEmbeddedPostgres({ dataDir, port: 0 });
    try {
      await expect(startEmbeddedPostgres({ dataDir, port: 0 })).rejects.toBeInstanceOf(EmbeddedPostgresError);
    } finally {
      await pg.stop();
    }
  });

  it("serves several concurrent connections (small queries and transactions)", async () => {
    const pg = await startEmbeddedPostgres({ dataDir, port: 0 });
    const { pool } = createDb(pg.url, 5);
    try {
      // Unique SQL text per query: a Parse from another connection landing between this
      // query's Parse and Bind would show up as a wrong `k` or a bind error.
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          pool.query<{ n: number; k: number }>(`select $1::int as n, ${i} as k`, [i]),
        ),
      );
      expect(results.every((r, i) => r.rows[0]?.n === i && r.rows[0]?.k === i)).toBe(true);
      expect(pool.totalCount).toBe(5);

      await pool.query("create table if not exists concurrency_probe (who int not null)");
      await Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          const c = await pool.connect();
          try {
            await c.query("begin");
            await c.query("insert into concurrency_probe (who) values ($1), ($1)", [i]);
            await c.query(i % 2 ? "commit" : "rollback");
          } finally {
            c.release();
          }
        }),
      );
      const { rows } = await pool.query<{ n: number }>("select count(*)::int as n from concurrency_probe");
      expect(rows[0]?.n).toBe(20); // 10 committed transactions x 2 rows
    } finally {
      await pool.end();
      await pg.stop();
    }
  });

  it("handles large parameters on the single connection per process the app uses", async () => {
    // Large Bind messages arrive in several TCP reads; with one connection nothing can interleave.
    const pg = await startEmbeddedPostgres({ dataDir, port: 0 });
    const { pool } = createDb(pg.url, EMBEDDED_POOL_MAX);
    try {
      const big = (i: number) => `${i}:`.padEnd(300_000, "x");
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          pool.query<{ len: number; head: string }>(
            `select length($1::text) as len, left($1, 3) as head -- ${i}`,
            [big(i)],
          ),
        ),
      );
      results.forEach((r, i) => expect(r.rows[0]).toEqual({ len: 300_000, head: `${i}:`.padEnd(3, "x") }));
    } finally {
      await pool.end();
      await pg.stop();
    }
  });
});
