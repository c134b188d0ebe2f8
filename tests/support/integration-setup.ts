import { randomBytes } from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { createDb } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { startLiveKitDevServer } from "../../scripts/livekit-dev-server";

/**
 * One fresh database per run on the real PostgreSQL from scripts/services.sh, migrated once.
 * Tests use unique users/spaces, so files can run in parallel without truncating.
 */
export default async function setup(project: TestProject) {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin)
    throw new Error("TEST_DATABASE_URL is not set: run `npm test` (scripts/test.sh starts PostgreSQL)");
  const name = `rooms_it_${randomBytes(4).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const { db, pool } = createDb(url.toString(), 2);
  await runMigrations(db);
  await pool.end();
  project.provide("databaseUrl", url.toString());

  // A real media server for token, room and webhook tests; off the default ports so a running
  // `npm start` does not clash (TEST_LIVEKIT_PORT: another checkout's suite running beside this one).
  const livekit = await startLiveKitDevServer({
    port: Number(process.env.TEST_LIVEKIT_PORT ?? 17880),
    apiKey: "itkey",
    apiSecret: "integration-secret-0123456789abcdef0123",
  });
  project.provide("livekit", { url: livekit.url, apiKey: livekit.apiKey, apiSecret: livekit.apiSecret });

  return async () => {
    await livekit.stop();
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    livekit: { url: string; apiKey: string; apiSecret: string };
  }
}
