import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startAppServer } from "../../tests/support/next-server";
import { startLiveKitDevServer } from "../livekit-dev-server";
import { fuzzArgs, freshDatabase, mb } from "./setup";

/**
 * `npm run fuzz:api -- --cases 5000 --seed 42 [--http]`: hostile requests to every write route, on
 * a fresh database with a real livekit-server. In-process through the real handlers by default;
 * with --http over HTTP to a production `next start` (built first when stale), which adds Next's
 * router, the proxy and the NextAuth routes. Exits 1 on any 5xx or error body outside the
 * envelope, printing the seed and each failing request.
 */
const { cases, seed, http } = fuzzArgs(2_000);
const replay = `npm run fuzz:api -- --seed ${seed} --cases ${cases}${http ? " --http" : ""}`;
console.log(
  `[fuzz:api] seed ${seed}, ${cases} cases ${http ? "over HTTP" : "in-process"} (replay: ${replay})`,
);
const port = Number(process.env.FUZZ_LIVEKIT_PORT ?? 17960);
const livekit = await startLiveKitDevServer({
  port,
  rtcTcpPort: port + 1,
  rtcUdpPort: port + 2,
  apiKey: "fuzzkey",
  apiSecret: randomBytes(24).toString("hex"),
});
const liveKitEnv = {
  LIVEKIT_URL: livekit.url,
  LIVEKIT_API_KEY: livekit.apiKey,
  LIVEKIT_API_SECRET: livekit.apiSecret,
};
const server = http
  ? await startAppServer({
      admin: process.env.TEST_DATABASE_URL!,
      dbPrefix: "rooms_fuzz_http",
      // Each fuzz request claims its own client address, so anonymous limits do not answer them all.
      env: { TRUSTED_PROXIES: "127.0.0.1", ...liveKitEnv },
    })
  : undefined;
const database = server ? undefined : await freshDatabase("rooms_fuzz_api");
// This process signs users in (and, in-process, serves the requests): the same database and secret.
Object.assign(process.env, {
  NODE_ENV: "test",
  DATABASE_URL: server?.databaseUrl ?? database!.url,
  ...liveKitEnv,
  NEXTAUTH_SECRET: server?.secret ?? randomBytes(32).toString("base64url"),
  NEXTAUTH_URL: "http://localhost:3000",
  HOST: "127.0.0.1",
  DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "rooms-fuzz-api-")),
  LOG_LEVEL: process.env.LOG_LEVEL ?? "silent",
  TRANSCRIPTION_JWT_SECRET: randomBytes(32).toString("base64url"),
  TRANSCRIPTION_WS_URL: "ws://127.0.0.1:3001",
});
// Imported after the env is set: the modules read it when first used.
const { installPeerAddressHook } = await import("../../src/server/http/client-address");
const { fuzzApi } = await import("./api-fuzz");
const { inProcess, overHttp } = await import("./api-transport");
installPeerAddressHook();

let exitCode = 1;
try {
  // The baseline is taken once modules, pools and limiters are loaded (after the first 50 cases).
  let heapBefore = 0;
  const started = Date.now();
  const result = await fuzzApi({
    seed,
    cases,
    transport: server ? overHttp(server.baseUrl) : inProcess(),
    onProgress: (n) => {
      heapBefore ||= heapUsed();
      process.stdout.write(`\r[fuzz:api] ${n}/${cases}`);
    },
  });
  const heapAfter = heapUsed();
  console.log(`\n[fuzz:api] ${result.routes.length} write routes:\n  ${result.routes.join("\n  ")}`);
  console.log(
    `[fuzz:api] ${result.cases} cases in ${((Date.now() - started) / 1000).toFixed(1)} s; statuses ${JSON.stringify(result.statuses)}`,
  );
  console.log(
    `[fuzz:api] /api/health after: ${result.healthAfter}; ` +
      (server ? `server log: ${server.logFile}` : `heap used ${mb(heapBefore)} → ${mb(heapAfter)}`),
  );
  for (const f of result.failures) {
    console.log(`FAIL #${f.index} ${f.why}: ${f.request}\n  → ${f.status} ${f.response}`);
  }
  console.log(`[fuzz:api] ${result.failures.length} failures (seed ${seed})`);
  exitCode = result.failures.length === 0 && result.healthAfter === 200 ? 0 : 1;
} finally {
  await server?.stop();
  await livekit.stop();
  await database?.drop().catch((err) => console.warn("[fuzz:api] dropping the database failed:", err));
}
process.exit(exitCode);

function heapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}
