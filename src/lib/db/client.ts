import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { Pool } from "pg";

export type Db = NodePgDatabase;
/** A database handle or an open transaction: repositories accept either. */
export type Executor = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

export type DbOptions = {
  max?: number;
  /** How long to wait for a connection (TCP + startup) before failing the request. */
  connectTimeoutMs?: number;
  /**
   * Server-side limit per statement (0: none); a client-side read timeout a little later covers a
   * server that stops answering.
   */
  statementTimeoutMs?: number;
};

export const DB_DEFAULTS = { max: 10, connectTimeoutMs: 5_000, statementTimeoutMs: 15_000 } as const;
// Long enough for the server to cancel the statement itself and report why.
const READ_TIMEOUT_MARGIN_MS = 1_000;

/**
 * Takes its settings as arguments (no env import here) so the web, ws and script processes each
 * pass their own. A bare number is the pool size with the default timeouts (scripts and tests).
 */
export function createDb(url: string, opts: DbOptions | number = {}): { db: Db; pool: Pool } {
  const o = { ...DB_DEFAULTS, ...(typeof opts === "number" ? { max: opts } : opts) };
  const pool = new Pool({
    connectionString: url,
    max: o.max,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: o.connectTimeoutMs,
    // 0 turns both off (migrations may legitimately run long).
    statement_timeout: o.statementTimeoutMs || undefined,
    query_timeout: o.statementTimeoutMs ? o.statementTimeoutMs + READ_TIMEOUT_MARGIN_MS : undefined,
  });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  return { db: drizzle({ client: pool, casing: "snake_case" }), pool };
}
