import { randomUUID } from "node:crypto";
import { createServer, type Server, type Socket } from "node:net";
import { sql } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { deps } from "@/server/deps";
import { databaseUnavailable } from "@/lib/db/unavailable";
import { healthEndpoint } from "@/server/http/health";
import { getProfileEndpoint } from "@/modules/core/identity/api/profile-endpoints";
import { call, errorCode } from "../support/api";

type Handle = { db: Db; pool: pg.Pool };
let healthy: Db;
let swapped: Handle | undefined;

/** Points the composition root's pool (every route handler's) at another database until the test ends. */
function useDatabase(url: string, opts: Parameters<typeof createDb>[1]) {
  swapped = createDb(url, opts);
  deps().db = swapped.db;
}

beforeAll(() => {
  healthy = deps().db;
});
afterEach(async () => {
  await swapped?.pool.end().catch(() => {});
  swapped = undefined;
  deps().db = healthy;
});

async function signedInCookie() {
  const uid = randomUUID();
  const token = await encode({ token: { uid, sub: uid }, secret: process.env.NEXTAUTH_SECRET! });
  return `next-auth.session-token=${token}`;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)),
  );
}

describe("when the database is unreachable", () => {
  it("answers 503 database_unavailable, and health says database: down", async () => {
    // A port where nothing listens: the database process is stopped.
    const probe = createServer();
    const port = await listen(probe);
    await new Promise((r) => probe.close(r));
    useDatabase(`postgres://rooms:x@127.0.0.1:${port}/rooms`, { connectTimeoutMs: 1_000 });

    const res = await call(getProfileEndpoint, { cookie: await signedInCookie() });
    expect(res.status).toBe(503);
    expect(errorCode(res)).toBe("database_unavailable");
    expect(res.text).not.toContain(String(port));

    const health = await call(healthEndpoint);
    expect(health.status).toBe(503);
    const body = health.json as { dependencies: { media: unknown } };
    expect(body).toMatchObject({
      status: "down",
      database: "down",
      dependencies: { database: { status: "down", required: true } },
    });
    // The media server of this run is up, and it is not required.
    expect(body.dependencies.media).toMatchObject({ status: "up", required: false });
  });

  it(
    "gives up on a server that accepts and never answers, within the connect timeout",
    { timeout: 15_000 },
    async () => {
      const sockets = new Set<Socket>();
      const silent = createServer((s) => {
        sockets.add(s);
        s.on("error", () => {});
      });
      const port = await listen(silent);
      try {
        useDatabase(`postgres://rooms:x@127.0.0.1:${port}/rooms`, { connectTimeoutMs: 500 });
        const res = await call(getProfileEndpoint, { cookie: await signedInCookie() });
        expect(res.status).toBe(503);
        expect(errorCode(res)).toBe("database_unavailable");
        expect(sockets.size).toBeGreaterThan(0);
        expect((await call(healthEndpoint)).status).toBe(503);
      } finally {
        for (const s of sockets) s.destroy();
        await new Promise((r) => silent.close(r));
      }
    },
  );

  it("reports ok with the database up", async () => {
    const res = await call(healthEndpoint);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      status: "ok",
      database: "up",
      dependencies: { database: { status: "up" } },
    });
  });
});

describe("real PostgreSQL failures", () => {
  const url = inject("databaseUrl");
  let handle: Handle;
  beforeAll(() => {
    handle = createDb(url, { max: 2, statementTimeoutMs: 300 });
  });
  afterAll(() => handle.pool.end());

  it("ends a slow statement at the statement timeout and classifies it as unavailable", async () => {
    const err = await handle.db.execute(sql`select pg_sleep(5)`).then(
      () => null,
      (e: unknown) => e,
    );
    expect(databaseUnavailable(err)).toMatchObject({ code: "database_unavailable" });
    // The same pool still works afterwards.
    expect((await handle.db.execute(sql`select 1 as one`)).rows[0]).toEqual({ one: 1 });
  });

  it("classifies a connection the server terminates mid-query", async () => {
    // No statement timeout here, so only the termination can end the query.
    const patient = createDb(url, { max: 1, statementTimeoutMs: 0 });
    const client = await patient.pool.connect();
    const { rows } = await client.query<{ pid: number }>("select pg_backend_pid() as pid");
    client.on("error", () => {});
    const running = client.query("select pg_sleep(30)").then(
      () => null,
      (e: unknown) => e,
    );
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query("select pg_terminate_backend($1)", [rows[0]!.pid]);
    await admin.end();
    const err = await running;
    client.release(true);
    await patient.pool.end();
    expect(err).toMatchObject({ code: "57P01" });
    expect(databaseUnavailable(err)).toMatchObject({ code: "database_unavailable" });
  });
});
