/**
 * Supervisor behind `npm start` (`next start`) and `npm run dev` (`--dev`, `next dev`).
 *
 * With no DATABASE_URL it starts an embedded PostgreSQL server (src/lib/db/embedded.ts), so a
 * fresh checkout starts with zero configuration; it then migrates, starts the child processes
 * listed in `childSpecs` (media, web, ws), forwards signals to them and stops the database after
 * they have exited.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { createDb } from "@/lib/db/client";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "@/lib/db/embedded";
import { runMigrations } from "@/lib/db/migrate";
import { dataDir, port, postgresUrl, secret, wsUrl } from "@/lib/env/fields";
import { parseEnv } from "@/lib/env/parse";
import { devLoginExposure } from "@/lib/env/loopback";
import { LIVEKIT_BIN, liveKitCommand } from "./livekit-dev-server";
import { errorText } from "./error-text";
import { type ChildSpec, log, supervise } from "./supervise";

const ROOT = path.resolve(import.meta.dirname, "..");

const schema = z.object({
  PORT: port(3000),
  // Loopback unless asked: the embedded defaults (dev sign-in, generated secret) are not meant
  // to be reachable from other machines.
  HOST: z.string().optional(),
  DATABASE_URL: postgresUrl("or unset for the embedded database").optional(),
  EMBEDDED_PG_PORT: port(54329),
  DATA_DIR: dataDir(),
  NEXTAUTH_SECRET: secret("or unset to generate one").optional(),
  // The transcription (ws) process; browsers reach it at TRANSCRIPTION_WS_URL.
  WS_PORT: port(3001),
  TRANSCRIPTION_WS_URL: wsUrl().optional(),
  TRANSCRIPTION_JWT_SECRET: secret("or unset to generate one").optional(),
  NEXTAUTH_URL: z.url().optional(),
  // Any of these set means an external media server: no local livekit-server is started.
  LIVEKIT_URL: z.string().optional(),
  LIVEKIT_PORT: z.coerce.number().int().min(1).max(65534).default(7880),
});

type SupervisorEnv = z.output<typeof schema>;

function fail(message: string): never {
  console.error(`[rooms] ${message}`);
  process.exit(1);
}

/** `name` is the variable it stands in for; the file is its lower-case, dashed form. */
function loadSecret(dataDir: string, name: string): string {
  const file = path.join(dataDir, name.toLowerCase().replaceAll("_", "-"));
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  // Persisted so sign-in sessions and caption tokens survive restarts; 0600 because it signs them.
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
  log(`generated ${name} in ${file}`);
  return secret;
}

async function migrate(url: string) {
  // No statement timeout: a migration on a large table may legitimately run long.
  const { db, pool } = createDb(url, { max: 1, statementTimeoutMs: 0 });
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
  const probe = (port: number, route: string) =>
    `http://${probeHost.includes(":") ? `[${probeHost}]` : probeHost}:${port}${route}`;
  const media = mediaSpec(env, childEnv);
  const ws = wsSpec(env, childEnv);
  return [
    ...(media ? [media] : []),
    ...(ws ? [{ ...ws, healthUrl: probe(env.WS_PORT, "/healthz") }] : []),
    {
      name: "web",
      command: next,
      args: [dev ? "dev" : "start", "-p", String(env.PORT), "-H", host],
      healthUrl: probe(env.PORT, "/api/health"),
    },
  ];
}

/** The transcription server for live captions. */
function wsSpec(env: SupervisorEnv, childEnv: NodeJS.ProcessEnv): ChildSpec | null {
  const entry = path.join(ROOT, "ws", "server", "main.ts");
  // A checkout from before the ws process existed still starts (captions off).
  if (!fs.existsSync(entry)) {
    log(`live captions are off: ${path.relative(ROOT, entry)} is missing`);
    delete childEnv.TRANSCRIPTION_WS_URL;
    return null;
  }
  log(
    `transcription server on ${childEnv.WS_HOST}:${env.WS_PORT} (browsers use ${childEnv.TRANSCRIPTION_WS_URL})`,
  );
  return { name: "ws", command: process.execPath, args: ["--import", "tsx", entry] };
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
  // Until the children run, a signal only has the database to stop.
  const onEarlySignal = () => {
    log("stopping before start-up finished");
    void (embedded?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once("SIGINT", onEarlySignal).once("SIGTERM", onEarlySignal);
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: String(env.PORT), DATA_DIR: env.DATA_DIR };
  // The web env refuses this too; checking before anything starts says so first. The passwordless
  // dev sign-in is on under `next dev` and on embedded defaults (below) unless AUTH_DEV_LOGIN says.
  childEnv.HOST = host;
  const devLogin = childEnv.AUTH_DEV_LOGIN
    ? /^(true|1)$/.test(childEnv.AUTH_DEV_LOGIN)
    : dev || !env.DATABASE_URL;
  const publicUrl = env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
  const exposure = devLogin ? devLoginExposure({ host, publicUrl }) : null;
  if (exposure) fail(`refusing to start: ${exposure}`);

  if (!env.DATABASE_URL) {
    try {
      embedded = await startEmbeddedPostgres({
        dataDir: path.join(env.DATA_DIR, "postgres"),
        host: "127.0.0.1",
        port: env.EMBEDDED_PG_PORT,
      });
    } catch (err) {
      fail((err as Error).message);
    }
    log(`embedded PostgreSQL on 127.0.0.1:${embedded.port}, data in ${embedded.dataDir}`);
    childEnv.DATABASE_URL = embedded.url;
    if (!dev && !childEnv.AUTH_DEV_LOGIN) {
      childEnv.AUTH_DEV_LOGIN = "true";
      log(
        "dev sign-in is on because the app runs on embedded defaults (set DATABASE_URL or AUTH_DEV_LOGIN=false)",
      );
    }
  }
  childEnv.NEXTAUTH_SECRET = env.NEXTAUTH_SECRET ?? loadSecret(env.DATA_DIR, "NEXTAUTH_SECRET");
  // web signs caption tokens with it, ws verifies them.
  childEnv.TRANSCRIPTION_JWT_SECRET =
    env.TRANSCRIPTION_JWT_SECRET ?? loadSecret(env.DATA_DIR, "TRANSCRIPTION_JWT_SECRET");
  childEnv.TRANSCRIPTION_WS_URL = env.TRANSCRIPTION_WS_URL ?? `ws://localhost:${env.WS_PORT}`;
  childEnv.WS_PORT = String(env.WS_PORT);
  // Browsers reach ws as they reach web, so it binds where web does unless told otherwise.
  childEnv.WS_HOST ||= host;
  childEnv.NEXTAUTH_URL = env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;

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
