import { execFileSync } from "node:child_process";
import { chownSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./next-server";

/**
 * A private PostgreSQL cluster (apt's binaries, as scripts/services.sh uses) for tests that stop
 * and restart the database: the shared test cluster must never be restarted under other tests.
 */
export async function startPrivatePostgres() {
  const bin = path.join("/usr/lib/postgresql", readdirSync("/usr/lib/postgresql").sort().at(-1)!, "bin");
  const dir = mkdtempSync(path.join(os.tmpdir(), "rooms-private-pg-"));
  const root = process.getuid?.() === 0;
  if (root) chownSync(dir, uid("postgres"), gid("postgres"));
  const data = path.join(dir, "data");
  const port = await freePort();
  const run = (cmd: string, args: string[]) =>
    root
      ? execFileSync("runuser", ["-u", "postgres", "--", path.join(bin, cmd), ...args], {
          cwd: "/",
          stdio: "pipe",
        })
      : execFileSync(path.join(bin, cmd), args, { stdio: "pipe" });
  run("initdb", ["-D", data, "--username=postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"]);
  const opts = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c max_connections=50`;
  const start = () =>
    run("pg_ctl", ["-D", data, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "-o", opts, "start"]);
  const stopServer = () => run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop: stopServer,
    destroy() {
      try {
        stopServer();
      } catch {
        // Already stopped.
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const uid = (user: string) => Number(execFileSync("id", ["-u", user]).toString().trim());
const gid = (user: string) => Number(execFileSync("id", ["-g", user]).toString().trim());
