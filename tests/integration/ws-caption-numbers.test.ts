import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transcriptSegments } from "@/lib/db/schema/transcription";
import type { ServerMessage } from "@/modules/core/captions/domain/protocol";
import { setupSpace } from "../support/sessions";
import { speechPcm16k } from "../support/speech";
import { TranscriptionTestClient as Client, streamPcm } from "../support/transcription-client";
import { joinedSpeaker, tokenFor } from "../support/transcription-fixtures";
import { pocketSphinxInstalled } from "../support/ws-process";
import { startTestWsServer } from "../support/ws-test-server";

type Transcript = Extract<ServerMessage, { type: "transcript" }>;

/** Festival says these as words; PocketSphinx writes them as words ("we raised forty thousand dollars …"). */
const SENTENCES = [
  "We raised forty thousand dollars last year.",
  "The answer is forty two.",
  "About fifty percent of the team agreed.",
  "The meeting starts at three thirty p m.",
];
/** How a person writes each, as Whisper and Gladia do. */
const WRITTEN = ["$40,000", "42", "50%", "3:30 pm"];
const SPELLED = /\b(forty|fifty|thirty|thousand|percent|dollars)\b/;

describe.skipIf(!pocketSphinxInstalled())("captions from the real PocketSphinx in written form", () => {
  let t: Awaited<ReturnType<typeof startTestWsServer>>;
  let ctx: Awaited<ReturnType<typeof setupSpace>>;

  beforeAll(async () => {
    t = await startTestWsServer();
    ctx = await setupSpace();
  });
  afterAll(() => t?.stop());

  it("stores, sends and shows numbers as figures with sentence casing, partials as well as finals", async () => {
    const s = await joinedSpeaker(ctx.host, ctx.spaceId, ctx.member);
    const c = await Client.ready(t.server.url, tokenFor(t.secret, s));
    const speech = speechPcm16k({ sentences: SENTENCES, pauseMs: 1_200, trailingSilenceMs: 1_000 });
    await streamPcm(c, speech.pcm, { speed: 2 });
    await c.waitUntil(() => c.finals().length > 0 && c.ackedIds().size === c.finals().length, 30_000);
    c.close();
    await c.closed;

    const stored = await t.db
      .select({ utteranceId: transcriptSegments.utteranceId, text: transcriptSegments.text })
      .from(transcriptSegments)
      .where(eq(transcriptSegments.videoSessionId, s.sessionId))
      .orderBy(asc(transcriptSegments.createdAt), asc(transcriptSegments.id));
    const storedText = stored.map((r) => r.text).join(" ");
    console.info(`stored: ${JSON.stringify(stored.map((r) => r.text))}`);
    for (const figure of WRITTEN) expect(storedText).toContain(figure);
    expect(storedText).not.toMatch(SPELLED);
    for (const r of stored) expect(r.text).toMatch(/^[A-Z$0-9]/);

    // The live captions are the stored lines, and partials never show the words the final replaces.
    expect(c.finals().map((f) => [f.utteranceId, f.text])).toEqual(
      stored.map((r) => [r.utteranceId, r.text]),
    );
    const partials = c.messages.filter((m): m is Transcript => m.type === "transcript" && !m.isFinal);
    expect(partials.length).toBeGreaterThan(0);
    for (const p of partials) expect(p.text).not.toMatch(SPELLED);
  }, 90_000);
});
