import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { Pool } from "pg";
import { webEnv } from "@/lib/env/web";

export type Db = NodePgDatabase;
/** A database handle or an open transaction: repositories accept either. */
export type Executor = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

export function createDb(url: string, max = 10): { db: Db; pool: Pool } {
  const pool = new Pool({ connectionString: url, max, idleTimeoutMillis: 30_000 });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  return { db: drizzle({ client: pool, casing: "snake_case" }), pool };
}

// Kept on globalThis so dev-mode module reloads reuse one pool instead of leaking connections.
const holder = globalThis as unknown as { __roomsDb?: { db: Db; pool: Pool } };

export function getDb(): Db {
  if (!holder.__roomsDb) {
    const env = webEnv();
    holder.__roomsDb = createDb(env.DATABASE_URL, env.DATABASE_POOL_MAX);
  }
  return holder.__roomsDb.db;
}
