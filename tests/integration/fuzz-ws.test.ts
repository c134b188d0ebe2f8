import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { DOCUMENTED_CLOSES, fuzzWs } from "../../scripts/fuzz/ws-fuzz";
import { seedSpeakers } from "../support/transcription-seed";
import { pocketSphinxInstalled, spawnWsServer, type WsProcess } from "../support/ws-process";

const MB = 1024 * 1024;

/**
 * The bounded run of `npm run fuzz:ws` (same code, fewer cases) against a real ws process:
 * random and mutated frames before and after auth. FUZZ_SEED replays another seed.
 */
describe("ws fuzz (bounded, real ws process)", () => {
  const seed = Number(process.env.FUZZ_SEED ?? 14);
  const secret = randomBytes(32).toString("base64url");
  const { db, pool } = createDb(process.env.DATABASE_URL!, 2);
  let ws: WsProcess;

  beforeAll(async () => {
    ws = await spawnWsServer({
      databaseUrl: process.env.DATABASE_URL!,
      secret,
      logFile: path.join(os.tmpdir(), `rooms-it-fuzz-ws-${process.pid}.log`),
    });
  });
  afterAll(async () => {
    await ws?.stop(15_000);
    await pool.end();
  });

  it(`closes only with documented codes and stays healthy (seed ${seed})`, { timeout: 180_000 }, async () => {
    const speakers = await seedSpeakers(db, 20);
    const r = await fuzzWs({
      url: ws.url,
      metricsUrl: ws.metricsUrl,
      secret,
      speakers,
      db,
      seed,
      cases: 300,
    });
    expect(
      r.failures.map((f) => `#${f.index} ${f.why}: ${f.case}`),
      `seed ${seed}`,
    ).toEqual([]);
    expect(
      Object.keys(r.closes)
        .map(Number)
        .every((c) => DOCUMENTED_CLOSES.has(c)),
    ).toBe(true);
    // The fuzz reached each stage: refused before auth, refused tokens, and frames on live streams.
    expect(r.closes[4012]).toBeGreaterThan(0);
    expect(r.closes[4002]).toBeGreaterThan(0);
    // Without a recognizer every auth ends in `unavailable` + 4101 instead of a live stream.
    if (pocketSphinxInstalled()) expect(r.authenticated).toBeGreaterThan(50);
    expect(ws.child.exitCode).toBeNull();
    expect(r.healthAfter).toEqual({ status: 200, connections: 0 });
    expect(r.forgedSegments).toBe(0);
    expect(r.memory.after.heapUsedBytes).toBeLessThan(r.memory.before.heapUsedBytes + 48 * MB);
    expect(r.memory.after.rssBytes).toBeLessThan(r.memory.before.rssBytes + 96 * MB);
  });
});
