/**
 * Another process owning an embedded PostgreSQL, for tests of what a second owner sees:
 * prints `{url, pid}` once the server is up, then stays until killed.
 * Usage: node --import tsx embedded-pg-owner.ts DATA_DIR
 */
import { startEmbeddedPostgres } from "@/lib/db/embedded";

const pg = await startEmbeddedPostgres({ dataDir: process.argv[2] as string, port: 0 });
console.log(JSON.stringify({ url: pg.url, pid: pg.pid() }));
setInterval(() => {}, 60_000);
