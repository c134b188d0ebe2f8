import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { Pool } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transcriptSegmentTranslations } from "@/lib/db/schema/transcription";
import { createSegmentWriter, type PendingSegment } from "@/modules/core/captions/infra/segment-writer";
import { listSegmentTranslations } from "@/modules/core/transcripts/infra/translation-repository";
import { seedSpeakers, type Speaker } from "../support/transcription-seed";

/** A real pool that logs which table each insert goes to, and can fail translation inserts. */
function loggingDb() {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL!, max: 2 });
  const state = { inserts: [] as string[], translationsDown: false };
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
  (pool as unknown as { query: unknown }).query = (...args: unknown[]) => {
    const sql = typeof args[0] === "string" ? args[0] : (args[0] as { text: string }).text;
    const table = /^insert into "(\w+)"/.exec(sql)?.[1];
    if (table) {
      state.inserts.push(table);
      if (table === "transcript_segment_translations" && state.translationsDown)
        return Promise.reject(Object.assign(new Error("connection refused"), { code: "ECONNREFUSED" }));
    }
    return query(...args);
  };
  return { db: drizzle({ client: pool, casing: "snake_case" }), pool, state };
}

describe("translations in the segment writer (real PostgreSQL)", () => {
  const { db, pool, state } = loggingDb();
  let speaker: Speaker;
  beforeAll(async () => {
    [speaker] = (await seedSpeakers(db)) as [Speaker];
  });
  afterAll(() => pool.end());

  const opts = { flushIntervalMs: 200, maxBatch: 100, highWater: 150, maxPending: 200, backoffMs: () => 30 };
  const segment = (id: string, onStored?: () => void): PendingSegment => ({
    videoSessionId: speaker.sessionId,
    participantId: speaker.participantId,
    utteranceId: id,
    text: `original ${id}`,
    language: "en",
    startMs: 0,
    endMs: 900,
    confidence: 0.9,
    provider: "gladia",
    onStored,
  });
  const translation = (id: string, language: string, text = `${language} ${id}`) => ({
    videoSessionId: speaker.sessionId,
    utteranceId: id,
    language,
    text,
    provider: "gladia",
  });
  const rows = async () =>
    (
      await db
        .select()
        .from(transcriptSegmentTranslations)
        .where(eq(transcriptSegmentTranslations.videoSessionId, speaker.sessionId))
    )
      .map((r) => `${r.utteranceId}/${r.language}: ${r.text}`)
      .sort();

  it("stores a final and its translations in one flush, segments first; a repeat updates in place", async () => {
    const writer = createSegmentWriter(db, opts);
    state.inserts = [];
    writer.add(segment("t-1"));
    writer.addTranslation(translation("t-1", "ru"));
    writer.addTranslation(translation("t-1", "de"));
    await writer.drain();
    expect(state.inserts).toEqual(["transcript_segments", "transcript_segment_translations"]);
    expect(await rows()).toEqual(["t-1/de: de t-1", "t-1/ru: ru t-1"]);

    // The same key again (a retried batch, a provider correction): still one row, latest text.
    writer.addTranslation(translation("t-1", "ru", "ru corrected"));
    await writer.drain();
    expect(await rows()).toEqual(["t-1/de: de t-1", "t-1/ru: ru corrected"]);
    expect(await listSegmentTranslations(db, speaker.sessionId, ["t-1", "t-none"])).toEqual({
      "t-1": { ru: "ru corrected", de: "de t-1" },
    });
  });

  it("keeps translations through failed flushes and stores them once the database is back", async () => {
    const writer = createSegmentWriter(db, opts);
    const acked: string[] = [];
    state.translationsDown = true;
    state.inserts = [];
    writer.add(segment("t-2", () => acked.push("t-2")));
    writer.addTranslation(translation("t-2", "fr"));
    await expect
      .poll(() => state.inserts.filter((t) => t === "transcript_segment_translations").length)
      .toBeGreaterThanOrEqual(2);
    // Not acknowledged while its flush keeps failing: the client still holds the final.
    expect(acked).toEqual([]);
    expect(writer.pending).toBe(2);
    state.translationsDown = false;
    await writer.drain();
    expect(acked).toEqual(["t-2"]);
    expect(await rows()).toContain("t-2/fr: fr t-2");
    expect(writer.pending).toBe(0);
  });

  it("refuses translations beyond its bound, like finals", () => {
    const writer = createSegmentWriter(db, { ...opts, flushIntervalMs: 3_600_000, maxPending: 2 });
    expect(writer.addTranslation(translation("t-3", "ru"))).toBe(true);
    expect(writer.addTranslation(translation("t-3", "de"))).toBe(true);
    expect(writer.addTranslation(translation("t-3", "fr"))).toBe(false);
    // A newer text for a queued key is not a new item.
    expect(writer.addTranslation(translation("t-3", "ru", "again"))).toBe(true);
  });
});
