import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/**
 * The embedded default database: PGlite (Postgres in WASM) persisted in `dataDir`, served on a
 * loopback TCP port so every process (web, ws, scripts) uses the same `pg` driver as production.
 *
 * Caveat, pglite-socket 0.2.17: PGlite has ONE backend session and the socket server queues
 * individual protocol messages, pinning a connection only while a transaction block is open.
 * When a query's Parse/Bind/Execute/Sync spans several TCP reads (large parameters, roughly
 * > 64 KB), another connection's Parse can replace the unnamed prepared statement in between
 * ("bind message supplies 2 parameters, but prepared statement "" requires 1"). Upstream:
 * electric-sql/pglite#1046, PR #977. Callers should therefore keep ONE connection per process
 * (see `EMBEDDED_POOL_MAX`) until that is fixed.
 */
export const EMBEDDED_POOL_MAX = 1;

export interface EmbeddedPostgresOptions {
  /** Directory holding the PGlite cluster; created on first start, reused afterwards. */
  dataDir: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Socket-level connection cap; each process's pool counts against it. */
  maxConnections?: number;
}

export interface EmbeddedPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export class EmbeddedPostgresError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "EmbeddedPostgresError";
  }
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const host = options.host ?? "127.0.0.1";
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  // Two PGlite instances writing one directory would corrupt it silently; Postgres itself
  // guards this with postmaster.pid, PGlite does not.
  const releaseLock = acquireLock(`${dataDir}.lock`);

  let db: PGlite | undefined;
  let server: PGLiteSocketServer | undefined;
  try {
    db = await PGlite.create(dataDir);
    server = new PGLiteSocketServer({
      db,
      host,
      port: options.port ?? 0,
      maxConnections: options.maxConnections ?? 20,
    });
    await server.start();
  } catch (err) {
    await db?.close().catch(() => {});
    releaseLock();
    const reason = err instanceof Error ? err.message : String(err);
    const hint = /EADDRINUSE/.test(reason) ? ` (port ${options.port} is taken: set PGLITE_PORT)` : "";
    throw new EmbeddedPostgresError(`could not start the embedded database in ${dataDir}: ${reason}${hint}`, {
      cause: err,
    });
  }

  const port = Number(server.getServerConn().split(":").pop());
  const url = `postgres://postgres:postgres@${host}:${port}/postgres?sslmode=disable`;
  let stopping: Promise<void> | undefined;

  const stop = () => {
    stopping ??= (async () => {
      // The server first, so no client query reaches a closed database.
      await server.stop().catch(() => {});
      try {
        // close() checkpoints and flushes the WASM file system to disk: skipping it loses writes.
        await db.close();
      } finally {
        releaseLock();
      }
    })();
    return stopping;
  };
  return { url, port, stop };
}

// Locks this process holds: a lock file carrying our own pid may also be a stale one from an
// earlier container run that happened to get the same pid, so the file alone cannot tell.
const heldLocks = new Set<string>();

function acquireLock(lockPath: string): () => void {
  if (heldLocks.has(lockPath)) {
    throw new EmbeddedPostgresError(`the embedded database ${lockPath} is already open in this process`);
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      heldLocks.add(lockPath);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        heldLocks.delete(lockPath);
        fs.rmSync(lockPath, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const owner = Number(fs.readFileSync(lockPath, "utf8").trim());
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new EmbeddedPostgresError(
          `the embedded database is already in use by process ${owner} (lock ${lockPath}); stop it first`,
        );
      }
      // Left behind by a process that died without cleaning up.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new EmbeddedPostgresError(`could not take the lock ${lockPath}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
