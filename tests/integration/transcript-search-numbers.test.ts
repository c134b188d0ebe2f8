import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { videoSessions } from "@/lib/db/schema/sessions";
import { transcriptSegments, transcriptSegmentTranslations } from "@/lib/db/schema/transcription";
import { findSessionUser } from "@/modules/core/identity/infra/user-repository";
import {
  getTranscriptPage,
  type PageRequest,
} from "@/modules/core/transcripts/application/get-transcript-page";
import type { TestUser } from "../support/api";
import { newSession, setupSpace } from "../support/sessions";

/**
 * Transcript search on real PostgreSQL over lines written both ways: figures (Whisper, Gladia,
 * PocketSphinx since captions are written out) and words (PocketSphinx lines stored before).
 */
describe("searching a transcript for numbers written as figures or words", () => {
  let host: TestUser;
  let session: { id: string; slug: string };
  let ids: Record<string, string>;

  const read = async (req: PageRequest) =>
    getTranscriptPage(getDb(), {
      slug: session.slug,
      viewer: { user: await findSessionUser(getDb(), host.id), guestId: null },
      ...req,
    });
  const found = async (query: string, language?: string) =>
    ((await read({ query, language })).search?.results ?? []).map((r) => r.id);

  beforeAll(async () => {
    const ctx = await setupSpace();
    host = ctx.host;
    session = await newSession(host, ctx.spaceId, { title: "Numbers" });
    const origin = new Date(Date.now() - 600_000);
    await getDb().update(videoSessions).set({ startedAt: origin }).where(eq(videoSessions.id, session.id));
    const base = { videoSessionId: session.id, language: "en", provider: "test", startMs: 0, endMs: 1000 };
    const lines: [string, string][] = [
      ["figures", "We raised $40,000 in March."],
      ["words", "we raised forty thousand dollars last year"],
      ["forty", "we need forty more chairs"],
      ["percent", "About 50% of the team agreed"],
      ["small", "we have five people"],
      ["time", "The meeting starts at 3:30 pm"],
      ["other", "Nothing to count here"],
    ];
    const rows = await getDb()
      .insert(transcriptSegments)
      .values(
        lines.map(([utteranceId, text], i) => ({
          ...base,
          utteranceId,
          text,
          createdAt: new Date(origin.getTime() + (i + 1) * 1000),
        })),
      )
      .returning({ id: transcriptSegments.id, utteranceId: transcriptSegments.utteranceId });
    ids = Object.fromEntries(rows.map((r) => [r.utteranceId, r.id]));
    await getDb().insert(transcriptSegmentTranslations).values({
      videoSessionId: session.id,
      utteranceId: "other",
      language: "ru",
      text: "Сорок два стула",
      provider: "gladia",
    });
  });

  it.each([
    // As typed, a query is found anywhere ("40" in "$40,000"); its other forms as whole numbers.
    ["40", ["figures", "words", "forty"]],
    ["forty", ["figures", "words", "forty"]],
    ["forty thousand", ["figures", "words"]],
    ["40,000", ["figures", "words"]],
    ["40000", ["figures", "words"]],
    ["$40,000", ["figures", "words"]],
    ["forty thousand dollars", ["figures", "words"]],
    ["fifty percent", ["percent"]],
    ["50%", ["percent"]],
    ["5", ["percent", "small"]],
    ["five", ["small"]],
    ["fifty", ["percent"]],
    ["three thirty pm", ["time"]],
    ["MARCH", ["figures"]],
  ])("%s finds %j", async (query, expected) => {
    expect(await found(query)).toEqual(expected.map((u) => ids[u]));
  });

  it("stays literal where no number is involved, and says what it marked", async () => {
    expect(await found("forty two")).toEqual([]);
    expect(await found("four")).toEqual([]);
    const page = await read({ query: "forty thousand" });
    expect(page.search).toMatchObject({ query: "forty thousand", total: 2 });
    expect(page.search!.terms.map((t) => t.text)).toEqual(
      expect.arrayContaining(["forty thousand", "40,000"]),
    );
  });

  it("matches the lines as shown in a translation too", async () => {
    expect(await found("42", "ru")).toEqual([ids.other]);
  });
});
