import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
} from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { spawnWsServer, whisperInstalled, type WsProcess } from "./ws-process";

const ROOT = path.resolve(import.meta.dirname, "../..");
const NEXT_BIN = path.join(ROOT, "node_modules/.bin/next");
const HEALTH_TIMEOUT_MS = 90_000;
// Inherited provider settings would make the sign-in page depend on the developer's shell.
const STRIPPED_ENV = /^(GOOGLE_|OIDC_|CLOUDINARY_URL$|DATABASE_URL$|NEXTAUTH_|LIVEKIT_)/;

export type AppServer = {
  baseUrl: string;
  databaseUrl: string;
  /** NEXTAUTH_SECRET of this server, so tests and benchmarks can mint session cookies. */
  secret: string;
  logFile: string;
  /** The ws transcription server beside it (Whisper when its model is installed) and their shared secret. */
  transcription: { url: string; secret: string; logFile: string; provider: string; localModels: string[] };
  stop(): Promise<void>;
};

/**
 * A production `next start` on a free loopback port over a fresh migrated database on the real
 * PostgreSQL at `admin`, built first when src/ changed. `services` start before the server (it
 * reads their addresses from env) and may call back to its URL; they stop after it.
 */
export async function startAppServer(opts: {
  admin: string;
  dbPrefix: string;
  services?: (baseUrl: string) => Promise<{ env: Record<string, string>; stop(): Promise<void> }>;
  env?: Record<string, string>;
}): Promise<AppServer> {
  const dbName = `${opts.dbPrefix}_${randomBytes(4).toString("hex")}`;
  const databaseUrl = await createDatabase(opts.admin, dbName);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `${opts.dbPrefix}-data-`));
  const logFile = path.join(os.tmpdir(), `${opts.dbPrefix}-server-${dbName}.log`);
  const secret = randomBytes(32).toString("base64url");
  const transcriptionSecret = randomBytes(32).toString("base64url");
  const wsLogFile = path.join(os.tmpdir(), `${opts.dbPrefix}-ws-${dbName}.log`);
  let server: ChildProcess | undefined;
  let ws: WsProcess | undefined;
  let aux: { stop(): Promise<void> } | undefined;

  const stop = async () => {
    if (server) await stopProcessGroup(server);
    await ws?.stop(15_000).catch((err) => console.warn("[server] stopping the ws server failed:", err));
    await aux?.stop().catch((err) => console.warn("[server] stopping services failed:", err));
    await dropDatabase(opts.admin, dbName).catch((err) =>
      console.warn(`[server] dropping ${dbName} failed:`, err),
    );
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await buildIfStale();
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const started = opts.services ? await opts.services(baseUrl) : { env: {}, stop: async () => {} };
    aux = started;
    // The models install-test-deps.sh installs (English and multilingual), told to web and ws alike.
    const localModels: Record<string, string> = whisperInstalled()
      ? { STT_PROVIDER: "whisper", STT_LOCAL_MODELS: "tiny.en,base" }
      : {};
    ws = await spawnWsServer({
      databaseUrl,
      secret: transcriptionSecret,
      logFile: wsLogFile,
      // Browser tests run several Chromium processes on the recognizer's two cores, whose start-up
      // storms starve it for seconds: they check captions end to end, not shedding, so the bound is
      // far away here. The budget itself is tested in stt-pocketsphinx-lag and ws-stt-lag.
      // Whisper, the embedded default (auto would pick it too, after a model probe).
      // The web process beside it offers what this process announces it serves.
      env: { STT_LAG_BOUND_MS: "30000", WS_ANNOUNCE_RECOGNIZER: "on", ...localModels },
    });
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !STRIPPED_ENV.test(k)));
    const out = openSync(logFile, "w");
    server = spawn(NEXT_BIN, ["start", "-p", String(port), "-H", "127.0.0.1"], {
      cwd: ROOT,
      // Its own process group, so stop() ends next and every worker it forked.
      detached: true,
      stdio: ["ignore", out, out],
      env: {
        ...inherited,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: databaseUrl,
        NEXTAUTH_URL: baseUrl,
        NEXTAUTH_SECRET: secret,
        HOST: "127.0.0.1",
        AUTH_DEV_LOGIN: "true",
        DATA_DIR: dataDir,
        LOG_LEVEL: "warn",
        TRANSCRIPTION_WS_URL: ws.url,
        TRANSCRIPTION_JWT_SECRET: transcriptionSecret,
        // The recognizer the ws process beside it runs, so the caption languages offered match it.
        STT_PROVIDER: ws.provider,
        ...localModels,
        ...started.env,
        ...opts.env,
      },
    });
    closeSync(out);
    await waitForHealth(baseUrl, server, logFile);
    return {
      baseUrl,
      databaseUrl,
      secret,
      logFile,
      transcription: {
        url: ws.url,
        secret: transcriptionSecret,
        logFile: wsLogFile,
        provider: ws.provider,
        localModels: (localModels.STT_LOCAL_MODELS ?? "tiny.en").split(","),
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

export async function createDatabase(admin: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const { db, pool } = createDb(url.toString(), 2);
  try {
    await runMigrations(db, path.join(ROOT, "drizzle"));
  } finally {
    await pool.end();
  }
  return url.toString();
}

export async function dropDatabase(admin: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
  } finally {
    await client.end();
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export function buildIsFresh(): boolean {
  const buildId = path.join(ROOT, ".next/BUILD_ID");
  const inputs = ["next.config.ts", "postcss.config.mjs", "package-lock.json"]
    .map((f) => path.join(ROOT, f))
    .filter(existsSync)
    .map((f) => statSync(f).mtimeMs);
  const newestInput = Math.max(newestMtime(path.join(ROOT, "src")), ...inputs);
  return existsSync(buildId) && statSync(buildId).mtimeMs >= newestInput;
}

const BUILD_LOCKED = "Another next build process is already running";

export async function buildIfStale(): Promise<void> {
  // Someone else's build (another test run, a developer) holds .next/lock: wait for it and use
  // its output if that is now fresh, rather than failing the whole run.
  for (let attempt = 0; attempt < 40; attempt++) {
    if (buildIsFresh()) return;
    console.log("[build] .next is missing or older than src/: running `next build`…");
    const started = Date.now();
    const { code, output } = await runBuild();
    if (code === 0) {
      console.log(`[build] next build finished in ${Math.round((Date.now() - started) / 1000)} s`);
      return;
    }
    if (!output.includes(BUILD_LOCKED)) throw new Error(`next build failed with exit code ${code}`);
    console.log("[build] another next build is running; waiting for it…");
    await new Promise((r) => setTimeout(r, 15_000));
  }
  throw new Error("gave up waiting for another `next build` to finish");
}

function runBuild(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(NEXT_BIN, ["build"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    });
    let output = "";
    const keep = (chunk: Buffer, to: NodeJS.WriteStream) => {
      output = (output + chunk.toString()).slice(-20_000);
      to.write(chunk);
    };
    child.stdout.on("data", (c: Buffer) => keep(c, process.stdout));
    child.stderr.on("data", (c: Buffer) => keep(c, process.stderr));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, output }));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() =>
        address && typeof address === "object" ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export function logTail(file: string, lines = 60): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

export async function waitForHealth(baseUrl: string, server: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let exited: number | null | undefined;
  server.once("exit", (code) => (exited = code));
  let last = "no response";
  while (Date.now() < deadline) {
    if (exited !== undefined) break;
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5_000) });
      if (res.status === 200) return;
      last = `HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`;
    } catch (err) {
      last = String((err as Error).cause ?? err);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const why =
    exited !== undefined
      ? `exited with code ${exited}`
      : `not healthy after ${HEALTH_TIMEOUT_MS} ms (${last})`;
  throw new Error(`[build] next start ${why}. Log ${logFile}, last lines:\n${logTail(logFile)}`);
}

export async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // Already gone.
    }
  };
  signal("SIGTERM");
  const timer = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 10_000).unref());
  if ((await Promise.race([exited, timer])) === "timeout") {
    signal("SIGKILL");
    await exited;
  }
}
