import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { transcriptSegments, transcriptionUsage } from "@/lib/db/schema/transcription";
import { videoSessions } from "@/lib/db/schema/sessions";
import { createLogger } from "@/lib/logger";
import { endSessionEndpoint } from "@/modules/core/sessions/api/session-endpoints";
import { CLOSE, type CloseKey } from "@/modules/core/captions/domain/close-codes";
import { createNullProvider } from "@/modules/core/captions/infra/null-provider";
import { startTranscriptionServer } from "../../ws/server/server";
import { startTestWsServer } from "../support/ws-test-server";
import { call } from "../support/api";
import { setupSpace } from "../support/sessions";
import { asSegment, TranscriptionTestClient as Client, streamPcm } from "../support/transcription-client";
import { joinedSpeaker, meetingPcm, tokenFor, type Speaker } from "../support/transcription-fixtures";
import { pocketSphinxInstalled } from "../support/ws-process";

describe.skipIf(!pocketSphinxInstalled())("ws transcription server (PocketSphinx, real PostgreSQL)", () => {
  let t: Awaited<ReturnType<typeof startTestWsServer>>;
  let server: Awaited<ReturnType<typeof startTestWsServer>>["server"];
  let rec: Awaited<ReturnType<typeof startTestWsServer>>["rec"];
  let db: Awaited<ReturnType<typeof startTestWsServer>>["db"];
  let secret: string;
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  let speaker: Speaker & { slug: string };
  const speech = meetingPcm();

  beforeAll(async () => {
    t = await startTestWsServer();
    ({ server, rec, db, secret } = t);
    ctx = await setupSpace();
    speaker = await joinedSpeaker(ctx.host, ctx.spaceId, ctx.member);
  });
  afterAll(() => t.stop());

  const storedFor = (sessionId: string) =>
    db.select().from(transcriptSegments).where(eq(transcriptSegments.videoSessionId, sessionId));

  const expectClose = async (c: Client, key: CloseKey) => {
    const closed = await c.closed;
    expect(closed.code).toBe(CLOSE[key].code);
  };

  it("transcribes speech, stores each final once, acknowledges it and meters the stream", async () => {
    const c = await Client.ready(server.url, tokenFor(secret, speaker));
    expect(c.messages[0]).toMatchObject({ type: "ready", provider: "pocketsphinx", language: "en" });
    await streamPcm(c, speech.pcm, { speed: 4 });
    // Within a second of the last audio the server says it has all of it (the client's network check).
    const all = Math.round(speech.pcm.length / 32);
    await c.waitUntil(() => c.messages.some((m) => m.type === "heard" && m.audioMs === all), 5_000);
    await c.waitUntil(() => c.finals().length >= 2 && c.ackedIds().size === c.finals().length, 20_000);
    const finals = c.finals();
    const words = finals.map((f) => f.text).join(" ");
    expect(words).toMatch(/meeting|project|schedule/);
    expect(c.messages.some((m) => m.type === "transcript" && !m.isFinal)).toBe(true);
    c.close();
    await c.closed;

    const rows = await storedFor(speaker.sessionId);
    expect(rows.map((r) => r.utteranceId).sort()).toEqual(finals.map((f) => f.utteranceId).sort());
    expect(
      rows.every((r) => r.participantId === speaker.participantId && r.provider === "pocketsphinx"),
    ).toBe(true);
    // The stream's usage row is written at close: every byte sent is metered and billed.
    await expect
      .poll(
        async () => {
          const [u] = await db
            .select()
            .from(transcriptionUsage)
            .where(eq(transcriptionUsage.videoSessionId, speaker.sessionId));
          return u && Number(u.audioSeconds);
        },
        { timeout: 10_000 },
      )
      .toBeCloseTo(speech.pcm.length / 32_000, 2);
    const [u] = await db
      .select()
      .from(transcriptionUsage)
      .where(eq(transcriptionUsage.videoSessionId, speaker.sessionId));
    expect(Number(u!.billedSeconds)).toBeCloseTo(Number(u!.audioSeconds), 3);
    expect(Number(u!.costUsd)).toBeCloseTo((Number(u!.billedSeconds) / 60) * 0.5, 5);
  });

  it("closes connected sockets with SESSION_ENDED when the session ends", async () => {
    const s = await joinedSpeaker(ctx.host, ctx.spaceId, ctx.host);
    const c = await Client.ready(server.url, tokenFor(secret, s));
    expect((await call(endSessionEndpoint, { user: ctx.host, params: { slug: s.slug } })).status).toBe(200);
    await expectClose(c, "SESSION_ENDED");
  });

  it("closes connected sockets with CAPTIONS_DISABLED when captions are turned off", async () => {
    const s = await joinedSpeaker(ctx.host, ctx.spaceId, ctx.host);
    const c = await Client.ready(server.url, tokenFor(secret, s));
    await db
      .update(videoSessions)
      .set({ transcriptionEnabled: false })
      .where(eq(videoSessions.id, s.sessionId));
    await expectClose(c, "CAPTIONS_DISABLED");
  });

  it("while paused, no audio reaches the recognizer and nothing is shown or stored", async () => {
    const s = await joinedSpeaker(ctx.host, ctx.spaceId, ctx.member);
    const c = await Client.ready(server.url, tokenFor(secret, s));
    const streamId = [...rec.written.keys()].at(-1)!;
    c.sendJson({ type: "pause" });
    await c.waitFor((m) => m.type === "paused");
    await streamPcm(c, speech.pcm, { speed: 4 });
    // A round trip after the last frame: everything sent before it has been handled.
    c.sendJson({ type: "resume" });
    await c.waitFor((m) => m.type === "resumed");
    expect(rec.written.get(streamId)).toBe(0);
    expect(c.messages.filter((m) => m.type === "transcript")).toEqual([]);
    await new Promise((r) => setTimeout(r, 800));
    expect(await storedFor(s.sessionId)).toEqual([]);

    // After resuming the same speech is transcribed and stored (at 2×: both clips together at 4×
    // would pass the stream's audio rate, 1.5× real time beyond a 15 s burst, and be cut short).
    await streamPcm(c, speech.pcm, { speed: 2 });
    await c.waitUntil(() => c.finals().length >= 2 && c.ackedIds().size === c.finals().length, 20_000);
    expect(rec.written.get(streamId)).toBe(speech.pcm.length);
    c.close();
    await c.closed;
    expect((await storedFor(s.sessionId)).length).toBe(c.finals().length);
    // Paused audio was received (metered) but not billed.
    await expect
      .poll(
        async () => {
          const [u] = await db
            .select()
            .from(transcriptionUsage)
            .where(eq(transcriptionUsage.videoSessionId, s.sessionId));
          return u ? [Number(u.audioSeconds), Number(u.billedSeconds)] : null;
        },
        { timeout: 10_000 },
      )
      .toEqual([(2 * speech.pcm.length) / 32_000, speech.pcm.length / 32_000]);
  });

  it("stores re-sent finals with a valid signature once and acknowledges them", async () => {
    const s = await joinedSpeaker(ctx.host, ctx.spaceId, ctx.member);
    const first = await Client.ready(server.url, tokenFor(secret, s));
    await streamPcm(first, speech.pcm, { speed: 4 });
    await first.waitUntil(
      () => first.finals().length >= 2 && first.ackedIds().size === first.finals().length,
      20_000,
    );
    first.close();
    await first.closed;
    const finals = first.finals().map(asSegment);
    const again = await Client.ready(server.url, tokenFor(secret, s));
    again.sendJson({ type: "resend", finals });
    await again.waitUntil(() => finals.every((f) => again.ackedIds().has(f.utteranceId)));
    // Each stored once: one row per final, under its own id. Compared per final, not as a snapshot
    // of the session, because closing the stream may still store a final for its last audio at
    // any moment (one the client never saw).
    const rows = await storedFor(s.sessionId);
    for (const f of finals) {
      const copies = rows.filter((r) => r.text === f.text && r.startMs === f.startMs);
      expect(copies.map((r) => r.utteranceId)).toEqual([f.utteranceId]);
    }
    // Another participant cannot replay them as their own.
    const other = await joinedSpeaker(ctx.host, ctx.spaceId, ctx.host);
    const thief = await Client.ready(server.url, tokenFor(secret, { ...other }));
    thief.sendJson({ type: "resend", finals });
    await expectClose(thief, "BAD_MESSAGE");
    again.close();
  });

  it("terminates a socket that stops answering pings and keeps one that answers", async () => {
    const quick = await startTranscriptionServer({
      host: "127.0.0.1",
      port: 0,
      db,
      secret,
      provider: createNullProvider(),
      log: createLogger("ws-test", "silent"),
      keepaliveMs: 200,
    });
    try {
      const s = await joinedSpeaker(ctx.host, ctx.spaceId, ctx.member);
      const live = await Client.ready(quick.url, tokenFor(secret, s));
      // Another participant: a second stream of the same one would replace `live` (REPLACED).
      const other = await joinedSpeaker(ctx.host, ctx.spaceId, ctx.host);
      const dead = new WebSocket(quick.url, { autoPong: false });
      const deadClosed = new Promise<number>((resolve) => dead.once("close", (code) => resolve(code)));
      await new Promise((r) => dead.once("open", r));
      dead.send(JSON.stringify({ type: "auth", token: tokenFor(secret, other) }));
      // Terminated without a close frame: the client sees 1006.
      expect(await deadClosed).toBe(1006);
      expect(live.isOpen).toBe(true);
      live.close();
    } finally {
      await quick.shutdown();
    }
  });

  it("answers /healthz on the browsers' port and /metrics only on its own loopback listener", async () => {
    const tiny = await Client.ready(server.url, tokenFor(secret, speaker));
    tiny.sendAudio(Buffer.alloc(10));
    await tiny.closed;
    const base = server.url.replace("ws://", "http://");
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", db: "ok", provider: "pocketsphinx" });
    // Not on the port browsers reach (issue 14): the scraper has its own listener.
    const exposed = await fetch(`${base}/metrics`);
    expect(exposed.status).toBe(404);
    expect(await exposed.text()).not.toMatch(/ws_connections/);
    expect(new URL(server.metricsUrl!).hostname).toBe("127.0.0.1");
    const metrics = await (await fetch(server.metricsUrl!)).text();
    expect(metrics).toMatch(/^ws_connections \d+$/m);
    expect(metrics).toMatch(/^ws_closes_total\{reason="FRAME_TOO_SMALL"\} [1-9]/m);
    expect(metrics).toMatch(/^ws_writer_batch_size_count [1-9]/m);
    // Every final's server-side lag, from the arrival of its last audio to its sending.
    expect(metrics).toMatch(/^ws_final_lag_seconds_count [1-9]/m);
    expect(metrics).toMatch(/^ws_audio_seconds_total\{provider="pocketsphinx"\} [1-9]/m);
  });
});
