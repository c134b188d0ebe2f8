/**
 * `npm run bench:token`: requests/s and latency of GET /api/sessions/:slug/token on a production
 * build over real PostgreSQL, at 100 concurrent connections. Each request rotates through 1,000
 * joined participants so the per-user rate limit (100/min) is not what gets measured.
 *
 * Needs TEST_DATABASE_URL (scripts/bench.sh starts PostgreSQL). Prints one JSON line of figures.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import autocannon from "autocannon";
import { encode } from "next-auth/jwt";
import { createDb } from "../../src/lib/db/client";
import { signInDev } from "../../src/modules/core/identity/application/sign-in-dev";
import { createSession } from "../../src/modules/core/sessions/application/create-session";
import { joinSession } from "../../src/modules/core/sessions/application/join-session";
import { acceptInvitation } from "../../src/modules/core/spaces/application/accept-invitation";
import { inviteMember } from "../../src/modules/core/spaces/application/invite-member";
import { createSpace } from "../../src/modules/core/spaces/application/create-space";
import { startAppServer } from "../../tests/support/next-server";
import { captionLanguages } from "../../src/modules/core/captions/domain/caption-languages";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 20);
const USERS = 1000;

/**
 * CPU seconds (user + system) the process listening on `port` has used so far. Throughput on a
 * shared 2-core machine depends on what else runs; CPU per request mostly does not.
 */
function cpuSecondsOfListener(port: number): number | null {
  try {
    const out = execFileSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8" });
    const pid = /pid=(\d+)/.exec(out)?.[1];
    if (!pid) return null;
    // Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised name): utime, stime in ticks.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
    return (Number(fields[11]) + Number(fields[12])) / ticks;
  } catch {
    return null;
  }
}

async function main() {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error("TEST_DATABASE_URL is not set: run `npm run bench:token` (scripts/bench.sh)");
  const server = await startAppServer({
    admin,
    dbPrefix: "rooms_bench",
    // Minting a token is local (signing a JWT); the media server is never called by this route.
    env: { LIVEKIT_URL: "ws://127.0.0.1:7880", LIVEKIT_API_KEY: "devkey", LIVEKIT_API_SECRET: "secret" },
  });
  const { db, pool } = createDb(server.databaseUrl, 10);
  try {
    const host = await signInDev(db, { name: "Bench Host", email: "host@bench.test" });
    const space = await createSpace(db, { userId: host.id, name: "Bench" });
    const session = await createSession(
      db,
      captionLanguages({ provider: "pocketsphinx", gladiaKey: false, localModels: [] }),
      {
        userId: host.id,
        spaceId: space.id,
        title: "Benchmark",
        maxParticipants: null,
        transcriptionEnabled: false,
        transcriptionLanguage: "en",
        uiLocale: "en",
        allowGuests: false,
      },
    );
    const cookies: string[] = [];
    for (let i = 0; i < USERS; i++) {
      const user = await signInDev(db, { name: `User ${i}`, email: `user${i}@bench.test` });
      const now = new Date();
      const invitation = await inviteMember(db, {
        userId: host.id,
        spaceId: space.id,
        email: user.email,
        role: "MEMBER",
        now,
      });
      await acceptInvitation(db, { userId: user.id, invitationId: invitation.id, now });
      await joinSession(db, null, {
        slug: session.slug,
        viewer: { user: { ...user, emailVerified: true }, guestId: null },
      });
      const token = await encode({
        token: { uid: user.id, name: user.name, email: user.email },
        secret: server.secret,
      });
      cookies.push(`next-auth.session-token=${token}`);
    }

    let next = 0;
    const run = (duration: number) =>
      autocannon({
        url: `${server.baseUrl}/api/sessions/${session.slug}/token`,
        connections: CONNECTIONS,
        duration,
        requests: [
          {
            setupRequest: (req) => ({
              ...req,
              headers: { ...req.headers, cookie: cookies[next++ % USERS]! },
            }),
          },
        ],
      });
    await run(3); // warm-up: JIT, connection pool, route compilation
    const port = Number(new URL(server.baseUrl).port);
    const cpuBefore = cpuSecondsOfListener(port);
    const result = await run(DURATION_S);
    const cpuAfter = cpuSecondsOfListener(port);
    const figures = {
      bench: "token-route",
      connections: CONNECTIONS,
      durationS: DURATION_S,
      requests: result.requests.total,
      requestsPerSec: Math.round(result.requests.average),
      latencyMs: {
        p50: result.latency.p50,
        p90: result.latency.p90,
        p99: result.latency.p99,
        max: result.latency.max,
      },
      // CPU of the web process only (not PostgreSQL, not the load generator).
      webCpuMsPerRequest:
        cpuBefore !== null && cpuAfter !== null
          ? Number((((cpuAfter - cpuBefore) * 1000) / result.requests.total).toFixed(3))
          : null,
      loadAverage: os.loadavg().map((l) => Number(l.toFixed(1))),
      non2xx: result.non2xx,
      errors: result.errors,
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    };
    console.log(JSON.stringify(figures));
    if (result.non2xx > 0 || result.errors > 0) process.exitCode = 1;
  } finally {
    await pool.end();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
