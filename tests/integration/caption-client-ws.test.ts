import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import WebSocket from "ws";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { transcriptSegments } from "@/lib/db/schema/transcription";
import {
  CaptionConnection,
  type ConnectionState,
  type SocketLike,
  type TranscriptMessage,
} from "@/modules/core/captions/client/caption-connection";
import { meetingPcm } from "../support/transcription-fixtures";
import { seedSpeakers, testSecret, tokenFor } from "../support/transcription-seed";
import { pocketSphinxInstalled, spawnWsServer, type WsProcess } from "../support/ws-process";

/**
 * The browser's caption client (the same class the call page uses, on the `ws` package's
 * WebSocket) against the real ws process with PocketSphinx: killed mid-speech with SIGKILL, the
 * client reconnects by itself with a fresh token, re-sends the finals never acknowledged, and every
 * final it was given ends up stored exactly once.
 */
describe.skipIf(!pocketSphinxInstalled())("caption client against the real ws server", () => {
  const secret = testSecret();
  const { db, pool } = createDb(process.env.DATABASE_URL!, 2);
  const procs: WsProcess[] = [];
  const spawn = async (tag: string) => {
    const p = await spawnWsServer({
      databaseUrl: process.env.DATABASE_URL!,
      secret,
      logFile: path.join(os.tmpdir(), `rooms-caption-client-${tag}-${process.pid}.log`),
    });
    procs.push(p);
    return p;
  };
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop(5_000)));
    await pool.end();
  });

  it("SIGKILL mid-speech: reconnects, re-sends unacknowledged finals, every final stored once", async () => {
    const [speaker] = await seedSpeakers(db);
    const speech = meetingPcm();
    let server = await spawn("first");
    let tokens = 0;
    const finals = new Map<string, string>();
    const states: ConnectionState[] = [];
    const conn = new CaptionConnection({
      fetchToken: async () => {
        tokens += 1;
        return { token: tokenFor(secret, speaker!), url: server.url };
      },
      createSocket: (url) => new WebSocket(url, { perMessageDeflate: false }) as unknown as SocketLike,
      onTranscript: (m: TranscriptMessage) => {
        if (m.isFinal) finals.set(m.utteranceId, m.text);
      },
      onState: (s) => states.push(s),
      backoff: { baseMs: 100, maxMs: 1000 },
    });
    const until = async (cond: () => boolean, timeout: number) => {
      const end = Date.now() + timeout;
      while (!cond()) {
        if (Date.now() > end) throw new Error("timed out");
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    conn.start();
    await until(() => states.includes("ready"), 15_000);
    // 160 ms chunks at twice real time, as ArrayBuffers like the worklet posts them.
    let killed = false;
    const streaming = (async () => {
      const started = performance.now();
      for (let off = 0, i = 0; off < speech.pcm.length; off += 5120, i++) {
        const chunk = speech.pcm.subarray(off, Math.min(off + 5120, speech.pcm.length));
        conn.sendAudio(
          chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength) as ArrayBuffer,
        );
        const wait = started + (i + 1) * 80 - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
    })();

    // Killed while a final is still waiting for its batch flush and acknowledgement.
    await until(() => finals.size >= 1 && conn.unacknowledged.length > 0, 30_000);
    const pendingAtKill = conn.unacknowledged.map((f) => f.utteranceId);
    server.child.kill("SIGKILL");
    killed = true;
    await server.exited;
    server = await spawn("second");
    await streaming;
    expect(killed).toBe(true);

    // The client found the new process on its own (a fresh token each attempt) and caught up.
    await until(() => states.filter((s) => s === "ready").length >= 2, 20_000);
    expect(states).toContain("reconnecting");
    expect(tokens).toBeGreaterThanOrEqual(2);
    await until(() => conn.unacknowledged.length === 0 && finals.size >= 2, 30_000);
    conn.stop();

    const rows = await db
      .select()
      .from(transcriptSegments)
      .where(eq(transcriptSegments.videoSessionId, speaker!.sessionId));
    expect(rows.map((r) => r.utteranceId).sort()).toEqual([...finals.keys()].sort());
    for (const id of pendingAtKill) expect(rows.find((r) => r.utteranceId === id)?.text).toBe(finals.get(id));
    expect(new Set(rows.map((r) => r.utteranceId)).size).toBe(rows.length);
  });
});
