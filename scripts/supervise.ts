import { type ChildProcess, spawn } from "node:child_process";
import type { EmbeddedPostgres } from "@/lib/db/embedded";

const HEALTH_TIMEOUT_MS = 180_000;
// Longer than the ws process's own drain (ws/server/settings.ts shutdownTimeoutMs, 20 s): the
// last finals of a call are stored before it exits, so a stop must not cut that short. A second
// Ctrl-C still stops everything at once.
const STOP_GRACE_MS = 30_000;

/** One supervised process. */
export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  /** GET this until it answers 2xx before announcing that Rooms is up. */
  healthUrl?: string;
}

export function log(message: string) {
  console.log(`[rooms] ${message}`);
}

async function waitHealthy(url: string, isStopping: () => boolean): Promise<boolean> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline && !isStopping()) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (res.ok) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

/**
 * Runs the children until one exits or a signal comes, then stops the rest and the embedded
 * database: one process down means the app is broken.
 */
export async function supervise(
  specs: ChildSpec[],
  env: NodeJS.ProcessEnv,
  port: number,
  embedded?: EmbeddedPostgres,
) {
  const running = new Map<string, ChildProcess>();
  let stopping = false;
  let exitCode = 0;

  const finish = async () => {
    if (embedded) {
      await embedded.stop().catch((err: Error) => console.error(`[rooms] embedded database: ${err.message}`));
    }
    process.exit(exitCode);
  };

  const stopAll = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const child of running.values()) child.kill(signal);
    // A child that ignores the signal must not keep the database (and the terminal) hostage.
    setTimeout(() => {
      for (const child of running.values()) child.kill("SIGKILL");
    }, STOP_GRACE_MS).unref();
  };

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) {
        for (const child of running.values()) child.kill("SIGKILL");
        return;
      }
      log(`${signal} received, stopping`);
      stopAll(signal);
      if (running.size === 0) void finish();
    });
  }

  // `npm start` runs us under `sh -c`; when npm is told to stop (docker stop, systemd) it signals
  // that shell, which dies without passing the signal on. Being re-parented is our only hint.
  const parent = process.ppid;
  setInterval(() => {
    if (!stopping && process.ppid !== parent) {
      log("launcher exited, stopping");
      stopAll("SIGTERM");
    }
  }, 1_000).unref();

  for (const spec of specs) {
    const child = spawn(spec.command, spec.args, { env, stdio: "inherit" });
    running.set(spec.name, child);
    child.on("error", (err) => console.error(`[rooms] ${spec.name}: ${err.message}`));
    child.on("exit", (code, signal) => {
      running.delete(spec.name);
      if (!stopping) {
        // One process down means the app is broken: take the rest down and report it.
        log(`${spec.name} exited (${signal ?? `code ${code}`}), stopping the others`);
        exitCode = code || 1;
        stopAll("SIGTERM");
      }
      if (running.size === 0) void finish();
    });
  }

  const probes = specs.flatMap((s) => (s.healthUrl ? [s.healthUrl] : []));
  const healthy = await Promise.all(probes.map((url) => waitHealthy(url, () => stopping)));
  if (stopping) return;
  if (healthy.every(Boolean)) log(`Rooms is running at http://localhost:${port}`);
  else
    log(
      `no healthy answer from ${probes.join(", ")} within ${HEALTH_TIMEOUT_MS / 1000}s; see the output above`,
    );
}
