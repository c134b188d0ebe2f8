import os from "node:os";
import path from "node:path";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { transcriptSegments } from "@/lib/db/schema/transcription";
import { CLOSE } from "@/modules/core/captions/domain/close-codes";
import { MEETING_SENTENCES } from "../support/speech";
import { TranscriptionTestClient as Client, streamPcm } from "../support/transcription-client";
import { meetingPcm } from "../support/transcription-fixtures";
import { seedSpeakers, testSecret, tokenFor, type Speaker } from "../support/transcription-seed";
import { pocketSphinxInstalled, spawnWsServer, type WsProcess } from "../support/ws-process";

/**
 * Issue 15 part 6: the real ws process with WS_PROCESSES=2 (a Node cluster primary and two
 * workers sharing one port), real PostgreSQL, Redis and PocketSphinx. The primary hands accepted
 * sockets to its workers round-robin, so consecutive sockets land on alternate workers; which
 * worker serves which socket is read from `ws_process_connections{pid}` in the primary's /metrics.
 */
describe.skipIf(!pocketSphinxInstalled())("the ws process as a cluster of two workers", () => {
  const secret = testSecret();
  const { db, pool } = createDb(process.env.DATABASE_URL!, 2);
  const speech = meetingPcm(MEETING_SENTENCES.slice(0, 2));
  let ws: WsProcess;
  let speakers: Speaker[];
  const clients: Client[] = [];

  beforeAll(async () => {
    const redis = process.env.TEST_REDIS_URL;
    if (!redis) throw new Error('TEST_REDIS_URL is not set: run `eval "$(bash scripts/services.sh start)"`');
    speakers = await seedSpeakers(db, 8);
    ws = await spawnWsServer({
      databaseUrl: process.env.DATABASE_URL!,
      secret,
      logFile: path.join(os.tmpdir(), `rooms-ws-cluster-${process.pid}.log`),
      env: { WS_PROCESSES: "2", STT_WORKERS: "2", REDIS_URL: redis },
    });
  }, 60_000);
  afterAll(async () => {
    for (const c of clients) c.ws.terminate();
    await ws?.stop(10_000);
    await pool.end();
  });

  /** The instance's /metrics; a scrape the primary could not complete (a worker slow to answer) is retried. */
  const metrics = async () => {
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(ws.metricsUrl);
      if (res.ok || attempt === 5) return res.text();
    }
  };
  const value = (text: string, name: string) =>
    Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1] ?? NaN);
  /** Open sockets per worker pid, as the primary aggregates them. */
  const byPid = async () =>
    new Map(
      [...(await metrics()).matchAll(/^ws_process_connections\{pid="(\d+)"\} (\d+)$/gm)].map(
        (m) => [Number(m[1]), Number(m[2])] as const,
      ),
    );
  const until = async (cond: () => Promise<boolean> | boolean, ms: number) => {
    const end = Date.now() + ms;
    while (!(await cond())) {
      if (Date.now() > end) throw new Error("timed out");
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const ready = async (speaker: Speaker) => {
    const c = await Client.ready(ws.url, tokenFor(secret, speaker));
    clients.push(c);
    return c;
  };
  /** Connects and returns the pid of the worker that took the socket. */
  const readyOn = async (speaker: Speaker) => {
    const before = await byPid();
    const c = await ready(speaker);
    let pid = 0;
    await until(async () => {
      for (const [p, n] of await byPid()) if (n > (before.get(p) ?? 0)) pid = p;
      return pid !== 0;
    }, 15_000);
    return { c, pid };
  };
  const closeAll = async () => {
    for (const c of clients.splice(0)) c.close();
    await until(async () => value(await metrics(), "ws_connections") === 0, 20_000);
  };

  it("serves consecutive sockets on two worker pids; /metrics is the sum of both", async () => {
    const a = await readyOn(speakers[0]!);
    const b = await readyOn(speakers[1]!);
    expect(a.pid).not.toBe(b.pid);
    expect(await byPid()).toEqual(
      new Map([
        [a.pid, 1],
        [b.pid, 1],
      ]),
    );
    const text = await metrics();
    expect(value(text, "ws_connections")).toBe(2);
    expect(value(text, "ws_streams")).toBe(2);
    expect(value(text, "ws_process_restarts_total")).toBe(0);

    // One live stream per participant holds across workers (through Redis): of three sockets on
    // one token, two land on different workers, and only the newest stays.
    const first = clients[0]!;
    const second = await ready(speakers[0]!);
    const third = await ready(speakers[0]!);
    for (const c of [first, second]) expect((await c.closed).code).toBe(CLOSE.REPLACED.code);
    third.sendJson({ type: "pause" });
    await third.waitFor((m) => m.type === "paused");
    await closeAll();
  }, 30_000);

  it("a worker killed with SIGKILL is forked again; the other's stream goes on, new sockets are served", async () => {
    const x = await readyOn(speakers[2]!);
    const y = await readyOn(speakers[3]!);
    expect(x.pid).not.toBe(y.pid);
    const ySpeaking = streamPcm(y.c, speech.pcm);
    void streamPcm(x.c, speech.pcm);
    await x.c.waitFor((m) => m.type === "transcript", 15_000);

    process.kill(x.pid, "SIGKILL");
    expect((await x.c.closed).code).toBe(1006);
    const yFinalsAtKill = y.c.finals().length;
    await ySpeaking;
    await y.c.waitUntil(() => y.c.finals().length > yFinalsAtKill, 15_000);
    await y.c.waitUntil(() => y.c.unacked().length === 0, 10_000);
    expect(y.c.isOpen).toBe(true);

    let restarted = 0;
    await until(async () => {
      restarted = [...(await byPid()).keys()].find((p) => p !== x.pid && p !== y.pid) ?? 0;
      return restarted !== 0;
    }, 30_000);
    expect(value(await metrics(), "ws_process_restarts_total")).toBe(1);
    const pids = new Set([(await readyOn(speakers[4]!)).pid, (await readyOn(speakers[5]!)).pid]);
    expect(pids).toEqual(new Set([y.pid, restarted]));
    await closeAll();
  }, 60_000);

  it("SIGTERM to the primary: every worker stores each final once, acknowledges it, closes with GOING_AWAY", async () => {
    const p = await readyOn(speakers[6]!);
    const q = await readyOn(speakers[7]!);
    expect(p.pid).not.toBe(q.pid);
    const speaking = [p.c, q.c].map((c) => streamPcm(c, speech.pcm));
    await Promise.all([p.c, q.c].map((c) => c.waitFor((m) => m.type === "transcript" && m.isFinal, 20_000)));

    ws.child.kill("SIGTERM");
    const closes = await Promise.all([p.c.closed, q.c.closed]);
    await Promise.all(speaking);
    expect(closes.map((c) => c.code)).toEqual([CLOSE.GOING_AWAY.code, CLOSE.GOING_AWAY.code]);
    expect(await ws.exited).toEqual({ code: 0, signal: null });

    for (const c of [p.c, q.c]) {
      const ids = c.finals().map((f) => f.utteranceId);
      expect(c.unacked()).toEqual([]);
      const rows = await db
        .select({ id: transcriptSegments.utteranceId })
        .from(transcriptSegments)
        .where(inArray(transcriptSegments.utteranceId, ids));
      expect(rows.map((r) => r.id).sort()).toEqual([...new Set(ids)].sort());
      expect(ids.length).toBe(new Set(ids).size);
    }
  }, 60_000);
});
