import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transcriptionUsage } from "@/lib/db/schema/transcription";
import { withNoiseFloor } from "../support/noise";
import { setupSpace } from "../support/sessions";
import { MEETING_SENTENCES, speechPcm16k, wordRecall } from "../support/speech";
import { TranscriptionTestClient as Client, streamPcm } from "../support/transcription-client";
import { joinedSpeaker, tokenFor } from "../support/transcription-fixtures";
import { pocketSphinxInstalled } from "../support/ws-process";
import { startTestWsServer } from "../support/ws-test-server";

type Server = Awaited<ReturnType<typeof startTestWsServer>>;

describe.skipIf(!pocketSphinxInstalled())("speech gate with the real PocketSphinx recognizer", () => {
  let gated: Server;
  let ungated: Server;
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  // Meeting sentences with long pauses (4 s) over a quiet room's noise floor.
  const speech = speechPcm16k({
    sentences: MEETING_SENTENCES,
    pauseMs: 4_000,
    leadingSilenceMs: 3_000,
    trailingSilenceMs: 3_000,
  });
  const pcm = withNoiseFloor(speech.pcm, 80);

  beforeAll(async () => {
    [gated, ungated] = await Promise.all([
      startTestWsServer({ gating: { vadMode: 3 } }),
      startTestWsServer(),
    ]);
    ctx = await setupSpace();
  });
  afterAll(() => Promise.all([gated?.stop(), ungated?.stop()]));

  async function run(t: Server) {
    const s = await joinedSpeaker(ctx.host, ctx.spaceId, ctx.member);
    const c = await Client.ready(t.server.url, tokenFor(t.secret, s));
    const streamId = [...t.rec.written.keys()].at(-1)!;
    await streamPcm(c, pcm, { speed: 2 });
    await c.waitUntil(() => c.finals().length > 0 && c.ackedIds().size === c.finals().length, 20_000);
    c.close();
    await c.closed;
    const usage = await expect
      .poll(
        async () => {
          const [u] = await t.db
            .select()
            .from(transcriptionUsage)
            .where(eq(transcriptionUsage.videoSessionId, s.sessionId));
          return u && Number(u.audioSeconds) >= pcm.length / 32_000 - 0.001 ? u : undefined;
        },
        { timeout: 10_000 },
      )
      .toBeDefined()
      .then(async () => {
        const [u] = await t.db
          .select()
          .from(transcriptionUsage)
          .where(eq(transcriptionUsage.videoSessionId, s.sessionId));
        return u!;
      });
    const text = c
      .finals()
      .map((f) => f.text)
      .join(" ");
    return {
      received: Number(usage.audioSeconds),
      billed: Number(usage.billedSeconds),
      written: t.rec.written.get(streamId)!,
      finals: c.finals(),
      recall: wordRecall(speech.text, text),
    };
  }

  it("bills only speech (well below what was received) and recognizes ≥ 95 % of the words ungated streaming does", async () => {
    // One after the other: two recognizers decoding at once on a shared 2-core machine fall behind.
    const g = await run(gated);
    const u = await run(ungated);
    const seconds = pcm.length / 32_000;
    console.info(
      `gating: ${seconds.toFixed(1)} s received; billed gated ${g.billed.toFixed(1)} s, ungated ${u.billed.toFixed(1)} s; word recall gated ${g.recall.toFixed(3)}, ungated ${u.recall.toFixed(3)}`,
    );
    expect(u.received).toBeCloseTo(seconds, 2);
    expect(g.received).toBeCloseTo(seconds, 2);
    expect(u.billed).toBeCloseTo(seconds, 2);
    // Over half the file is pauses and lead-in/out: the gate sends speech plus its edges only.
    expect(g.billed).toBeLessThan(0.7 * seconds);
    expect(g.billed).toBeGreaterThan(0.2 * seconds);
    expect(g.recall).toBeGreaterThanOrEqual(0.95 * u.recall);
    expect(u.recall).toBeGreaterThan(0.5);

    // What reached the recognizer: the billed audio plus, after each burst, the unbilled zeros
    // that let it finalize.
    const flush = (gated.rec.provider.policy.flushSilenceMs * 32_000) / 1000;
    const extra = g.written - Math.round(g.billed * 32_000);
    expect(extra % flush).toBe(0);
    expect(extra / flush).toBeGreaterThanOrEqual(MEETING_SENTENCES.length);

    // Times are on the participant's clock, not the gated stream's: each gated final starts near
    // where the same speech starts ungated.
    for (const f of g.finals) {
      const nearest = Math.min(...u.finals.map((x) => Math.abs((x.startMs ?? 0) - (f.startMs ?? 0))));
      expect(nearest).toBeLessThan(1_000);
    }
    expect(new Set(g.finals.map((f) => f.utteranceId)).size).toBe(g.finals.length);
  }, 120_000);

  it("a speaker who mutes right after a sentence gets its final without unmuting", async () => {
    // The microphone goes off 200 ms after the last word (under the gate's hangover): the socket
    // stays open and no more audio comes. Before, the burst never ended and the final waited
    // for the next unmute or the leave.
    const sentence = speechPcm16k({
      sentences: MEETING_SENTENCES.slice(0, 1),
      leadingSilenceMs: 1_000,
      trailingSilenceMs: 200,
    });
    const s = await joinedSpeaker(ctx.host, ctx.spaceId, ctx.member);
    const c = await Client.ready(gated.server.url, tokenFor(gated.secret, s));
    await streamPcm(c, withNoiseFloor(sentence.pcm, 80), { speed: 2 });
    await c.waitUntil(() => c.finals().some((f) => f.text.trim().length > 0), 10_000);
    expect(c.isOpen).toBe(true);
    expect(
      wordRecall(
        sentence.text,
        c
          .finals()
          .map((f) => f.text)
          .join(" "),
      ),
    ).toBeGreaterThan(0.5);
    c.close();
    await c.closed;
  }, 60_000);
});
