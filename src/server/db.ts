import type { Pool } from "pg";
import { createDb, type Db } from "@/lib/db/client";
import { webEnv } from "@/lib/env/web";

// Kept on globalThis so dev-mode module reloads reuse one pool instead of leaking connections.
const holder = globalThis as unknown as { __roomsDb?: { db: Db; pool: Pool } };

/** The web process's pool, configured from the web env; other processes call `createDb` themselves. */
export function getDb(): Db {
  if (!holder.__roomsDb) {
    const env = webEnv();
    holder.__roomsDb = createDb(env.DATABASE_URL, {
      max: env.DATABASE_POOL_MAX,
      connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
    });
  }
  return holder.__roomsDb.db;
}
