/**
 * Supervisor behind `npm start` (`next start`) and `npm run dev` (`--dev`, `next dev`).
 *
 * With no DATABASE_URL it runs the embedded PGlite database inside this process, so a fresh
 * checkout starts with zero configuration; it then migrates, starts the child processes listed
 * in `childSpecs`, forwards signals to them and stops the database after they have exited.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { createDb } from "@/lib/db/client";
import { EMBEDDED_POOL_MAX, type EmbeddedPostgres, startEmbeddedPostgres } from "@/lib/db/embedded";
import { runMigrations } from "@/lib/db/migrate";
import { parseEnv } from "@/lib/env/parse";
import { devLoginExposure } from "@/lib/env/loopback";
import { LIVEKIT_BIN, liveKitCommand } from "./livekit-dev-server";
import { errorText } from "./error-text";

const ROOT = path.resolve(import.meta.dirname, "..");
const HEALTH_TIMEOUT_MS = 180_000;
const STOP_GRACE_MS = 10_000;

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // Loopback unless asked: the embedded defaults (dev sign-in, generated secret) are not meant
  // to be reachable from other machines.
  HOST: z.string().optional(),
  DATABASE_URL: z
    .string()
    .regex(
      /^postgres(ql)?:\/\//,
      "must be a postgres:// or postgresql:// URL (or unset for the embedded database)",
    )
    .optional(),
  PGLITE_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  DATA_DIR: z.string().default(".data"),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters (or unset to generate one)").optional(),
  NEXTAUTH_URL: z.url().optional(),
  // Any of these set means an external media server: no local livekit-server is started.
  LIVEKIT_URL: z.string().optional(),
  LIVEKIT_PORT: z.coerce.number().int().min(1).max(65534).default(7880),
});

type SupervisorEnv = z.output<typeof schema>;

/** One supervised process. The later `ws` server and `livekit-server --dev` become more entries. */
interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  /** GET this until it answers 2xx before announcing that Rooms is up. */
  healthUrl?: string;
}

function log(message: string) {
  console.log(`[rooms] ${message}`);
}

function fail(message: string): never {
  console.error(`[rooms] ${message}`);
  process.exit(1);
}

function loadSecret(dataDir: string): string {
  const file = path.join(dataDir, "nextauth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  // Persisted so sign-in sessions survive restarts; 0600 because it signs every session cookie.
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
  log(`generated NEXTAUTH_SECRET in ${file}`);
  return secret;
}

async function migrate(url: string) {
  const { db, pool } = createDb(url, 1);
  try {
    await runMigrations(db);
  } finally {
    await pool.end().catch(() => {});
  }
}

/**
 * Without LIVEKIT_URL the supervisor runs `livekit-server` (dev keys) on loopback with webhooks to
 * the web process. When the binary is missing the app still starts, and the call page shows why.
 */
function mediaSpec(env: SupervisorEnv, childEnv: NodeJS.ProcessEnv): ChildSpec | null {
  if (env.LIVEKIT_URL) return null;
  if (!fs.existsSync(LIVEKIT_BIN)) {
    childEnv.MEDIA_UNAVAILABLE_REASON =
      `The local media server is not installed (${path.relative(ROOT, LIVEKIT_BIN)} is missing). ` +
      "Run ./scripts/install-livekit.sh (needs Go) and restart, or set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET.";
    log(`video calls are off: ${childEnv.MEDIA_UNAVAILABLE_REASON}`);
    return null;
  }
  const logDir = path.join(env.DATA_DIR, "livekit");
  fs.mkdirSync(logDir, { recursive: true });
  const lk = liveKitCommand({
    port: env.LIVEKIT_PORT,
    // livekit-server wants 32+ characters; only this supervisor's children need to know it.
    apiSecret: randomBytes(24).toString("hex"),
    webhookUrls: [`http://127.0.0.1:${env.PORT}/api/livekit/webhook`],
    logDir,
    logLevel: "warn",
  });
  childEnv.LIVEKIT_URL = lk.url;
  childEnv.LIVEKIT_API_KEY = lk.apiKey;
  childEnv.LIVEKIT_API_SECRET = lk.apiSecret;
  log(`media server: livekit-server --dev on ${lk.url}`);
  return { name: "livekit", command: lk.bin, args: lk.args, healthUrl: lk.healthUrl };
}

function childSpecs(
  env: SupervisorEnv,
  dev: boolean,
  host: string,
  childEnv: NodeJS.ProcessEnv,
): ChildSpec[] {
  const next = path.join(ROOT, "node_modules", ".bin", "next");
  const probeHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  const media = mediaSpec(env, childEnv);
  return [
    ...(media ? [media] : []),
    {
      name: "web",
      command: next,
      args: [dev ? "dev" : "start", "-p", String(env.PORT), "-H", host],
      healthUrl: `http://${probeHost.includes(":") ? `[${probeHost}]` : probeHost}:${env.PORT}/api/health`,
    },
  ];
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

async function main() {
  process.chdir(ROOT);
  const dev = process.argv.includes("--dev");
  if (fs.existsSync(".env")) process.loadEnvFile(".env");

  let env: SupervisorEnv;
  try {
    env = parseEnv("supervisor", schema, process.env);
  } catch (err) {
    fail((err as Error).message);
  }
  if (!dev && !fs.existsSync(path.join(".next", "BUILD_ID"))) {
    fail("no production build in .next: run `npm run build` first, or start with ./scripts/start.sh");
  }

  const host = env.HOST ?? "127.0.0.1";
  let embedded: EmbeddedPostgres | undefined;
  // Until the children run, a signal only has the database to close (PGlite flushes on close).
  const onEarlySignal = () => {
    log("stopping before start-up finished");
    void (embedded?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once("SIGINT", onEarlySignal).once("SIGTERM", onEarlySignal);
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: String(env.PORT), DATA_DIR: env.DATA_DIR };

  if (!env.DATABASE_URL) {
    try {
      embedded = await startEmbeddedPostgres({
        dataDir: path.join(env.DATA_DIR, "pglite"),
        host: "127.0.0.1",
        port: env.PGLITE_PORT,
      });
    } catch (err) {
      fail((err as Error).message);
    }
    log(`embedded PostgreSQL (PGlite) on 127.0.0.1:${embedded.port}, data in ${env.DATA_DIR}/pglite`);
    childEnv.DATABASE_URL = embedded.url;
    // pglite-socket can interleave large queries from different connections (see embedded.ts).
    // `||=`: an empty value means unset to the web env parser, so it must here too.
    childEnv.DATABASE_POOL_MAX ||= String(EMBEDDED_POOL_MAX);
    if (!dev && !childEnv.AUTH_DEV_LOGIN) {
      childEnv.AUTH_DEV_LOGIN = "true";
      log(
        "dev sign-in is on because the app runs on embedded defaults (set DATABASE_URL or AUTH_DEV_LOGIN=false)",
      );
    }
  }
  childEnv.NEXTAUTH_SECRET = env.NEXTAUTH_SECRET ?? loadSecret(env.DATA_DIR);
  childEnv.NEXTAUTH_URL = env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
  // The web env refuses this too; failing here says so before anything else starts listening.
  childEnv.HOST = host;
  const devLogin = childEnv.AUTH_DEV_LOGIN ? /^(true|1)$/.test(childEnv.AUTH_DEV_LOGIN) : dev;
  const exposure = devLogin ? devLoginExposure({ host, publicUrl: childEnv.NEXTAUTH_URL }) : null;
  if (exposure) {
    await embedded?.stop().catch(() => {});
    fail(`refusing to start: ${exposure}`);
  }

  const databaseUrl = childEnv.DATABASE_URL as string;
  try {
    await migrate(databaseUrl);
    log("database migrations applied");
  } catch (err) {
    await embedded?.stop().catch(() => {});
    fail(`migrations failed on ${redact(databaseUrl)}: ${errorText(err)}`);
  }

  process.off("SIGINT", onEarlySignal).off("SIGTERM", onEarlySignal);
  const specs = childSpecs(env, dev, host, childEnv);
  await supervise(specs, childEnv, env.PORT, embedded);
}

async function supervise(
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

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(invalid URL)";
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
