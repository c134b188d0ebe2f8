import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transcriptSegments, transcriptionUsage } from "@/lib/db/schema/transcription";
import type { ServerMessage } from "@/modules/core/captions/domain/protocol";
import { setupSpace } from "../support/sessions";
import { MEETING_SENTENCES, speechPcm16k } from "../support/speech";
import { TranscriptionTestClient as Client, streamPcm } from "../support/transcription-client";
import { joinedSpeaker, tokenFor } from "../support/transcription-fixtures";
import { pocketSphinxInstalled } from "../support/ws-process";
import { startTestWsServer } from "../support/ws-test-server";

type Status = Extract<ServerMessage, { type: "caption_status" }>;

/**
 * The ws server with the real PocketSphinx worker made slower than real time (it sleeps 1 s per
 * second of audio) and a tight lag budget: one speaker is enough to overload it.
 */
describe.skipIf(!pocketSphinxInstalled())("ws server with a recognizer that falls behind", () => {
  let t: Awaited<ReturnType<typeof startTestWsServer>>;
  let ctx: Awaited<ReturnType<typeof setupSpace>>;

  beforeAll(async () => {
    t = await startTestWsServer({
      pocketsphinx: {
        slow: 1,
        lag: { inFlightMs: 500, targetMs: 1_000, boundMs: 2_500 },
        closeTimeoutMs: 4_000,
      },
    });
    ctx = await setupSpace();
  });
  afterAll(() => t?.stop());

  it("tells the speaker 'delayed' then 'catching up', stores the finals it decoded, and bills only what the recognizer did not drop", async () => {
    const s = await joinedSpeaker(ctx.host, ctx.spaceId, ctx.member);
    const c = await Client.ready(t.server.url, tokenFor(t.secret, s));
    const streamId = [...t.rec.written.keys()].at(-1)!;
    const speech = speechPcm16k({ sentences: MEETING_SENTENCES, trailingSilenceMs: 600 });
    // 4× real time into a worker slower than real time: far past the 2.5 s bound
    await streamPcm(c, speech.pcm, { speed: 4 });
    await c.waitUntil(() => c.messages.some((m) => m.type === "caption_status" && m.state === "catching_up"));
    const statuses = c.messages.filter((m): m is Status => m.type === "caption_status");
    // the documented order: partials shed ("delayed") before any audio is skipped
    expect(statuses[0]).toMatchObject({ state: "delayed", code: "stt_delayed" });
    expect(statuses.findIndex((m) => m.state === "catching_up")).toBeGreaterThan(0);
    // lagMs: how old the oldest undecoded audio was, past the target when delayed
    expect(statuses[0]!.lagMs).toBeGreaterThan(1_000);
    c.close();
    await c.closed;

    // received: everything; billed: what reached the recognizer less what it dropped
    const received = speech.pcm.length / 32_000;
    const usage = await expect
      .poll(
        async () => {
          const [u] = await t.db
            .select()
            .from(transcriptionUsage)
            .where(eq(transcriptionUsage.videoSessionId, s.sessionId));
          return u && Number(u.audioSeconds) >= received - 0.001 ? u : undefined;
        },
        { timeout: 15_000 },
      )
      .toBeDefined()
      .then(async () => {
        const [u] = await t.db
          .select()
          .from(transcriptionUsage)
          .where(eq(transcriptionUsage.videoSessionId, s.sessionId));
        return u!;
      });
    const written = t.rec.written.get(streamId)! / 32_000;
    expect(Number(usage.audioSeconds)).toBeCloseTo(received, 2);
    expect(written).toBeCloseTo(received, 2);
    // at least a second of the speech was skipped, and none of it is billed
    expect(Number(usage.billedSeconds)).toBeLessThan(written - 1);
    expect(Number(usage.billedSeconds)).toBeGreaterThan(0);
    // what it skipped is counted apart, and with what it billed is no more than it was handed
    expect(Number(usage.droppedSeconds)).toBeGreaterThan(1);
    expect(Number(usage.billedSeconds) + Number(usage.droppedSeconds)).toBeLessThanOrEqual(written + 0.01);
    // the close drained: every final the speaker saw, and those decoded after it left, are stored
    const seen = c.finals().length;
    await expect
      .poll(
        async () =>
          (
            await t.db
              .select()
              .from(transcriptSegments)
              .where(eq(transcriptSegments.videoSessionId, s.sessionId))
          ).length,
        { timeout: 15_000 },
      )
      .toBeGreaterThanOrEqual(Math.max(1, seen));
  }, 120_000);
});
