import { eq } from "drizzle-orm";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { transcriptSegments } from "@/lib/db/schema/transcription";
import { CLOSE } from "@/modules/core/captions/domain/close-codes";
import { startPrivatePostgres } from "../support/private-postgres";
import { asSegment, TranscriptionTestClient as Client, streamPcm } from "../support/transcription-client";
import { meetingPcm } from "../support/transcription-fixtures";
import { seedSpeakers, testSecret, tokenFor } from "../support/transcription-seed";
import { pocketSphinxInstalled, spawnWsServer, type WsProcess } from "../support/ws-process";
import { MEETING_SENTENCES } from "../support/speech";

const logFile = (tag: string) => path.join(os.tmpdir(), `rooms-ws-fault-${tag}-${process.pid}.log`);

async function storedIds(db: Db, sessionId: string): Promise<string[]> {
  const rows = await db
    .select({ id: transcriptSegments.utteranceId })
    .from(transcriptSegments)
    .where(eq(transcriptSegments.videoSessionId, sessionId));
  return rows.map((r) => r.id).sort();
}

const ids = (c: Client) => c.finals().map((f) => f.utteranceId);

describe.skipIf(!pocketSphinxInstalled())("ws process faults (PocketSphinx, real PostgreSQL)", () => {
  const speech = meetingPcm(MEETING_SENTENCES.slice(0, 4));
  const secret = testSecret();
  const { db, pool } = createDb(process.env.DATABASE_URL!, 2);
  const procs: WsProcess[] = [];
  const spawnWs = async (tag: string, databaseUrl = process.env.DATABASE_URL!) => {
    const p = await spawnWsServer({ databaseUrl, secret, logFile: logFile(tag) });
    procs.push(p);
    return p;
  };
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop(5_000)));
    await pool.end();
  });

  it("SIGTERM mid-speech: the utterance cut short is finalized, every final is stored and acknowledged, exit 0", async () => {
    const [speaker] = await seedSpeakers(db);
    const ws = await spawnWs("sigterm");
    const c = await Client.ready(ws.url, tokenFor(secret, speaker!));
    const streaming = streamPcm(c, speech.pcm, { speed: 2 });
    await c.waitUntil(() => c.finals().length >= 1, 30_000);
    // Into the next sentence: a partial after the last final means an utterance is in flight.
    await c.waitUntil(() => {
      const last = c.messages.filter((m) => m.type === "transcript").at(-1);
      return last?.type === "transcript" && !last.isFinal;
    }, 30_000);
    const before = c.finals().length;
    ws.child.kill("SIGTERM");
    const closed = await c.closed;
    await streaming;
    expect(closed.code).toBe(CLOSE.GOING_AWAY.code);
    expect(await ws.exited).toEqual({ code: 0, signal: null });
    expect(c.finals().length).toBeGreaterThan(before);
    expect([...c.ackedIds()].sort()).toEqual([...ids(c)].sort());
    expect(await storedIds(db, speaker!.sessionId)).toEqual([...ids(c)].sort());
  });

  it("SIGKILL mid-speech: after reconnecting to a new process and re-sending, every final is stored exactly once", async () => {
    const [speaker] = await seedSpeakers(db);
    const first = await spawnWs("sigkill-1");
    const c = await Client.ready(first.url, tokenFor(secret, speaker!));
    const streaming = streamPcm(c, speech.pcm, { speed: 2 });
    // Kill while the newest final is still waiting for its flush (acks come after a 300 ms batch).
    await c.waitUntil(() => c.finals().length >= 2 && c.unacked().length > 0, 30_000);
    first.child.kill("SIGKILL");
    await c.closed;
    await streaming;
    expect((await first.exited).signal).toBe("SIGKILL");
    const unacked = c.unacked();
    expect(unacked.length).toBeGreaterThan(0);

    const second = await spawnWs("sigkill-2");
    const again = await Client.ready(second.url, tokenFor(secret, speaker!));
    again.sendJson({ type: "resend", finals: unacked });
    await again.waitUntil(() => unacked.every((f) => again.ackedIds().has(f.utteranceId)), 10_000);
    // A second re-send (a client that reconnects twice) changes nothing.
    again.sendJson({ type: "resend", finals: c.finals().map(asSegment) });
    await new Promise((r) => setTimeout(r, 800));
    const stored = await storedIds(db, speaker!.sessionId);
    expect(stored).toEqual([...new Set(ids(c))].sort());
    const rows = await db
      .select()
      .from(transcriptSegments)
      .where(eq(transcriptSegments.videoSessionId, speaker!.sessionId));
    for (const f of c.finals()) expect(rows.find((r) => r.utteranceId === f.utteranceId)?.text).toBe(f.text);
    again.close();
  });

  describe("PostgreSQL restarted during flushes", () => {
    let pg: Awaited<ReturnType<typeof startPrivatePostgres>>;
    let privateDb: ReturnType<typeof createDb>;
    beforeAll(async () => {
      pg = await startPrivatePostgres();
      privateDb = createDb(pg.url, 2);
      await runMigrations(privateDb.db);
    });
    afterAll(async () => {
      await privateDb?.pool.end();
      pg?.destroy();
    });

    it("keeps every final through the outage, stores each once and acknowledges it afterwards", async () => {
      const [speaker] = await seedSpeakers(privateDb.db);
      const ws = await spawnWs("pg-restart", pg.url);
      const c = await Client.ready(ws.url, tokenFor(secret, speaker!));
      const streaming = streamPcm(c, speech.pcm, { speed: 2 });
      await c.waitUntil(() => c.finals().length >= 1, 30_000);
      pg.stop();
      const finalsWhileDown = c.finals().length;
      // Finals keep coming while the database is away; none can be acknowledged.
      await c.waitUntil(() => c.finals().length > finalsWhileDown, 30_000);
      const ackedWhileDown = c.ackedIds().size;
      await new Promise((r) => setTimeout(r, 1_500));
      expect(c.ackedIds().size).toBe(ackedWhileDown);
      pg.start();
      await streaming;
      await c.waitUntil(() => c.finals().length > 0 && c.unacked().length === 0, 30_000);
      c.close();
      await c.closed;
      const stored = await storedIds(privateDb.db, speaker!.sessionId);
      expect(stored).toEqual([...ids(c)].sort());
      const metrics = await (await fetch(ws.metricsUrl)).text();
      expect(metrics).toMatch(/^ws_errors_total\{kind="db_flush"\} [1-9]/m);
      // The failed statements carried transcript text; the log must not.
      const log = readFileSync(ws.logFile, "utf8");
      expect(log).toMatch(/storing finals failed/);
      for (const f of c.finals()) if (f.text.length > 12) expect(log).not.toContain(f.text);
    });
  });
});
