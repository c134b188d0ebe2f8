import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
/** The venv scripts/install-stt.sh makes under the default DATA_DIR. */
export const POCKETSPHINX_PYTHON = path.join(ROOT, ".data/stt-venv/bin/python");
export const pocketSphinxInstalled = () => existsSync(POCKETSPHINX_PYTHON);
/** Whisper's English model as scripts/install-stt.sh unpacks it (install-test-deps.sh installs it). */
export const whisperInstalled = () =>
  pocketSphinxInstalled() && existsSync(path.join(ROOT, ".data/models/whisper-tiny.en/.installed"));

export type WsProcess = {
  url: string;
  port: number;
  /** Where its Prometheus /metrics listens (loopback, not the browsers' port). */
  metricsUrl: string;
  /** The STT_PROVIDER it runs with. */
  provider: string;
  child: ChildProcess;
  logFile: string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM and wait (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/**
 * The real ws process (`node --import tsx ws/server/main.ts`) on a free loopback port; its env is
 * exactly what is passed (plus PATH/HOME), so the developer's shell cannot change what is tested.
 */
export async function spawnWsServer(opts: {
  databaseUrl: string;
  secret: string;
  logFile: string;
  env?: Record<string, string>;
  /**
   * Run it (and its recognizer workers) at this niceness through `nice -n`, in a session of its own
   * whose scheduler autogroup gets the same niceness: with autogroup on (Linux's default for
   * desktops and this machine), niceness only ranks processes within one session, and every
   * Chromium runs in its own, so `nice` alone gave the server one session's share among six. A
   * negative value needs root, else `nice` says so and it runs at the test's own.
   */
  nice?: number;
  /** STT_PROVIDER=auto loads a Whisper model before listening: slow on a loaded machine. */
  startTimeoutMs?: number;
}): Promise<WsProcess> {
  const startTimeoutMs = opts.startTimeoutMs ?? 30_000;
  const out = openSync(opts.logFile, "a");
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "test",
    WS_HOST: "127.0.0.1",
    WS_PORT: "0",
    WS_METRICS_HOST: "127.0.0.1",
    WS_METRICS_PORT: "0",
    DATABASE_URL: opts.databaseUrl,
    DATABASE_POOL_MAX: "4",
    TRANSCRIPTION_JWT_SECRET: opts.secret,
    STT_PROVIDER: pocketSphinxInstalled() ? "pocketsphinx" : "none",
    POCKETSPHINX_PYTHON,
    LOG_LEVEL: "info",
    // One process unless a test is about the cluster (WS_PROCESSES=2 and REDIS_URL).
    WS_PROCESSES: "1",
    // Tests' ws processes share a database with web processes that send browsers elsewhere (and with
    // files that check the languages the web's own env gives): only the one a web process routes to
    // (next-server.ts) and the test of the announcement itself turn it on.
    WS_ANNOUNCE_RECOGNIZER: "off",
    ...opts.env,
  };
  const node = [process.execPath, "--import", "tsx", "ws/server/main.ts"];
  const [command, ...args] = opts.nice ? ["nice", "-n", String(opts.nice), ...node] : node;
  const child = spawn(command!, args, {
    cwd: ROOT,
    stdio: ["ignore", out, out, "ipc"],
    env,
    // setsid: its own session, so its own autogroup (see `nice` above).
    detached: opts.nice !== undefined,
  });
  closeSync(out);
  if (opts.nice !== undefined && child.pid) setAutogroupNice(child.pid, opts.nice);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const { port, metricsPort } = await new Promise<{ port: number; metricsPort: number }>(
    (resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`ws server did not start in ${startTimeoutMs} ms:\n${tail(opts.logFile)}`)),
        startTimeoutMs,
      );
      child.on("message", (m: { type?: string; port?: number; metricsPort?: number }) => {
        if (m?.type === "listening" && m.port && m.metricsPort) {
          clearTimeout(timer);
          resolve({ port: m.port, metricsPort: m.metricsPort });
        }
      });
      void exited.then(({ code }) => {
        clearTimeout(timer);
        reject(new Error(`ws server exited with ${code} before listening:\n${tail(opts.logFile)}`));
      });
    },
  );
  // The IPC channel was only for the port; it must not keep either process alive.
  child.disconnect();
  const stop = async (graceMs = 30_000) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    }
    return exited;
  };
  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
    provider: env.STT_PROVIDER ?? "auto",
    child,
    logFile: opts.logFile,
    exited,
    stop,
  };
}

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/**
 * How the scheduler ranks a process: its niceness, and its autogroup's when autogroup is on (the
 * figure that counts against the browsers' sessions). For a test's report: a CI machine may refuse
 * a negative niceness or run without autogroup.
 */
export function describePriority(pid: number | undefined): string {
  if (!pid) return "no process";
  try {
    // Field 19 of /proc/PID/stat, counted after the command name's closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const nice = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16];
    const group = existsSync(`/proc/${pid}/autogroup`)
      ? readFileSync(`/proc/${pid}/autogroup`, "utf8").trim() || "autogroup unreadable"
      : "no autogroup";
    return `nice ${nice}, ${group}`;
  } catch (err) {
    return `unknown (${(err as Error).message})`;
  }
}

/** The scheduler autogroup's niceness (/proc/PID/autogroup); absent without autogroup, then moot. */
function setAutogroupNice(pid: number, nice: number) {
  const file = `/proc/${pid}/autogroup`;
  if (!existsSync(file)) return;
  try {
    writeFileSync(file, String(nice));
  } catch (err) {
    console.warn(`[ws-process] could not set ${file} to ${nice}: ${(err as Error).message}`);
  }
}
