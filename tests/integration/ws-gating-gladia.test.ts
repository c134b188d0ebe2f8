import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { transcriptionUsage } from "@/lib/db/schema/transcription";
import { createLogger } from "@/lib/logger";
import { CHUNK_BYTES } from "@/modules/core/captions/domain/audio";
import { createGladiaProvider } from "@/modules/core/captions/infra/gladia-provider";
import { startTranscriptionServer, type TranscriptionServer } from "../../ws/server/server";
import { startGladiaStandIn, type GladiaStandIn } from "../support/gladia-standin";
import { withNoiseFloor } from "../support/noise";
import { setupSpace } from "../support/sessions";
import { MEETING_SENTENCES, speechPcm16k } from "../support/speech";
import { TranscriptionTestClient as Client, streamPcm } from "../support/transcription-client";
import { joinedSpeaker, testSecret, tokenFor } from "../support/transcription-fixtures";

const KEY = "gladia-test-key";
const PRICE = 0.6;

describe("speech gate with Gladia (stand-in speaking its real-time v2 protocol)", () => {
  let standIn: GladiaStandIn;
  let server: TranscriptionServer;
  let stopDb: () => Promise<void>;
  let db: ReturnType<typeof createDb>["db"];
  const secret = testSecret();

  beforeAll(async () => {
    standIn = await startGladiaStandIn({ apiKey: KEY });
    const made = createDb(process.env.DATABASE_URL!, 4);
    db = made.db;
    stopDb = () => made.pool.end();
    server = await startTranscriptionServer({
      host: "127.0.0.1",
      port: 0,
      db,
      secret,
      // Real time is 4× faster here, so the provider stream is retired after 400 ms rather than 10 s.
      provider: createGladiaProvider({
        apiKey: KEY,
        apiUrl: standIn.url,
        pricePerMinute: PRICE,
        idleCloseMs: 400,
      }),
      log: createLogger("ws-test", "silent"),
      gating: { vadMode: 3 },
    });
  });
  afterAll(async () => {
    await server?.shutdown();
    await standIn?.close();
    await stopDb?.();
  });

  it("sends Gladia only speech, in sessions opened per burst; billed = the bytes Gladia received", async () => {
    const speech = speechPcm16k({
      sentences: MEETING_SENTENCES.slice(0, 3),
      pauseMs: 4_000,
      leadingSilenceMs: 2_000,
      trailingSilenceMs: 2_000,
    });
    const pcm = withNoiseFloor(speech.pcm, 80);
    const ctx = await setupSpace();
    const s = await joinedSpeaker(ctx.host, ctx.spaceId, ctx.member);
    const c = await Client.ready(server.url, tokenFor(secret, s));
    await streamPcm(c, pcm, { speed: 4 });
    c.close();
    await c.closed;

    const row = async () =>
      (
        await db.select().from(transcriptionUsage).where(eq(transcriptionUsage.videoSessionId, s.sessionId))
      )[0];
    await expect
      .poll(async () => Number((await row())?.audioSeconds ?? 0), { timeout: 10_000 })
      .toBeCloseTo(pcm.length / 32_000, 2);
    const u = (await row())!;
    const sessions = standIn.sessions();
    const sent = sessions.map((x) => standIn.audio(x.id));
    const sentBytes = sent.reduce((n, b) => n + b.length, 0);

    // A session per sentence at least: the idle one is closed during each 4 s pause.
    expect(sessions.length).toBeGreaterThanOrEqual(3);
    expect(sessions.every((x) => x.ended)).toBe(true);
    // Sessions got whole received chunks, in order, none twice: runs of the participant's audio
    // (a session may hold more than one run when the pause between them was short).
    let after = 0;
    for (const b of sent) {
      for (let o = 0; o < b.length; o += CHUNK_BYTES) {
        const at = pcm.indexOf(b.subarray(o, o + CHUNK_BYTES), after);
        expect(at % CHUNK_BYTES).toBe(0);
        after = at + CHUNK_BYTES;
      }
    }
    expect(Math.round(Number(u.billedSeconds) * 32_000)).toBe(sentBytes);
    expect(Number(u.billedSeconds)).toBeLessThan(0.7 * Number(u.audioSeconds));
    expect(Number(u.costUsd)).toBeCloseTo((sentBytes / 32_000 / 60) * PRICE, 6);
  }, 60_000);
});
