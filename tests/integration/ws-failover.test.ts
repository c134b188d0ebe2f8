import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import WebSocket from "ws";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { transcriptSegments, transcriptionUsage } from "@/lib/db/schema/transcription";
import {
  CaptionConnection,
  type ConnectionState,
  type SocketLike,
  type TranscriptMessage,
} from "@/modules/core/captions/client/caption-connection";
import { MEETING_SENTENCES } from "../support/speech";
import { meetingPcm } from "../support/transcription-fixtures";
import { seedSpeakers, testSecret, tokenFor } from "../support/transcription-seed";
import { pocketSphinxInstalled, spawnWsServer, type WsProcess } from "../support/ws-process";

/**
 * Two ws processes side by side on one database, as TRANSCRIPTION_WS_URLS deploys them. The browser's
 * caption client is on the first when it is SIGKILLed mid-speech: with no restart, the client moves
 * to the second instance from the token's list, re-sends the finals the first never acknowledged, and
 * every final it received is stored exactly once; both instances metered their own stream.
 */
describe.skipIf(!pocketSphinxInstalled())("caption client failing over between two ws instances", () => {
  const secret = testSecret();
  const { db, pool } = createDb(process.env.DATABASE_URL!, 2);
  const procs: WsProcess[] = [];
  const spawn = async (tag: string) => {
    const p = await spawnWsServer({
      databaseUrl: process.env.DATABASE_URL!,
      secret,
      logFile: path.join(os.tmpdir(), `rooms-ws-failover-${tag}-${process.pid}.log`),
    });
    procs.push(p);
    return p;
  };
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop(5_000)));
    await pool.end();
  });

  const until = async (cond: () => boolean | Promise<boolean>, timeout: number) => {
    const end = Date.now() + timeout;
    while (!(await cond())) {
      if (Date.now() > end) throw new Error("timed out");
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it("SIGKILL of the client's instance: it carries on on the other, no final lost or doubled", async () => {
    const [speaker] = await seedSpeakers(db);
    const speech = meetingPcm(MEETING_SENTENCES.slice(0, 5));
    const [first, second] = await Promise.all([spawn("a"), spawn("b")]);
    const urls = [first!.url, second!.url];
    const finals = new Map<string, string>();
    const states: ConnectionState[] = [];
    const connected: string[] = [];
    const conn = new CaptionConnection({
      fetchToken: async () => ({ token: tokenFor(secret, speaker!), url: urls[0]!, urls }),
      createSocket: (url) => {
        connected.push(url);
        return new WebSocket(url, { perMessageDeflate: false }) as unknown as SocketLike;
      },
      onTranscript: (m: TranscriptMessage) => {
        if (m.isFinal) finals.set(m.utteranceId, m.text);
      },
      onState: (s) => states.push(s),
      backoff: { baseMs: 100, maxMs: 1000 },
    });

    conn.start();
    await until(() => states.includes("ready"), 15_000);
    const readyAt = Date.now();
    // 160 ms chunks in real time, as ArrayBuffers like the worklet posts them.
    let done = false;
    const streaming = (async () => {
      const started = performance.now();
      for (let off = 0, i = 0; off < speech.pcm.length; off += 5120, i++) {
        const chunk = speech.pcm.subarray(off, Math.min(off + 5120, speech.pcm.length));
        conn.sendAudio(
          chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength) as ArrayBuffer,
        );
        const wait = started + (i + 1) * 160 - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
      done = true;
    })();

    // Killed once it has metered some audio (usage is flushed every 5 s) and while a final still
    // waits for its acknowledgement.
    await until(
      () => Date.now() - readyAt > 5_500 && finals.size >= 1 && conn.unacknowledged.length > 0,
      40_000,
    );
    expect(done).toBe(false);
    const pendingAtKill = conn.unacknowledged.map((f) => f.utteranceId);
    first!.child.kill("SIGKILL");
    await first!.exited;
    await streaming;

    await until(() => states.filter((s) => s === "ready").length >= 2, 20_000);
    expect(connected[0]).toBe(first!.url);
    expect(connected.at(-1)).toBe(second!.url);
    await until(() => conn.unacknowledged.length === 0, 30_000);
    const sentSeconds = conn.counters.chunksSent * 0.16;
    conn.stop();

    const rows = await db
      .select()
      .from(transcriptSegments)
      .where(eq(transcriptSegments.videoSessionId, speaker!.sessionId));
    expect(finals.size).toBeGreaterThanOrEqual(2);
    expect(rows.map((r) => r.utteranceId).sort()).toEqual([...finals.keys()].sort());
    for (const id of pendingAtKill) expect(rows.find((r) => r.utteranceId === id)?.text).toBe(finals.get(id));

    // One usage row per stream: the killed instance's last flush and the survivor's full count (it
    // writes on close). Together they cover what was sent, less at most one flush interval lost.
    const usageRows = async () =>
      db
        .select()
        .from(transcriptionUsage)
        .where(eq(transcriptionUsage.participantId, speaker!.participantId));
    const metered = (rows: { audioSeconds: string }[]) =>
      rows.reduce((a, u) => a + Number(u.audioSeconds), 0);
    // The survivor writes its full count when its stream ends: wait for it rather than for a while.
    await until(async () => {
      const rows = await usageRows();
      return rows.length >= 2 && metered(rows) > sentSeconds - 5.5;
    }, 10_000);
    const usage = await usageRows();
    expect(new Set(usage.map((u) => u.streamId)).size).toBe(usage.length);
    const seconds = usage.map((u) => Number(u.audioSeconds));
    for (const s of seconds) expect(s).toBeGreaterThan(0);
    const total = metered(usage);
    expect(total).toBeLessThanOrEqual(sentSeconds + 0.01);
    expect(total).toBeGreaterThan(sentSeconds - 5.5);
  }, 90_000);
});
