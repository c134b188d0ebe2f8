import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { Pool } from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { transcriptSegments } from "@/lib/db/schema/transcription";
import { createSegmentWriter, type PendingSegment } from "@/modules/core/captions/infra/segment-writer";
import { seedSpeakers, type Speaker } from "../support/transcription-seed";

/** A real pool whose statements are counted, and which can be made to fail like a lost database. */
function countingDb() {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL!, max: 2 });
  const stats = { inserts: 0, down: false };
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
  (pool as unknown as { query: unknown }).query = (...args: unknown[]) => {
    const sql = typeof args[0] === "string" ? args[0] : (args[0] as { text: string }).text;
    if (sql.startsWith('insert into "transcript_segments"')) {
      stats.inserts++;
      if (stats.down)
        return Promise.reject(Object.assign(new Error("connection refused"), { code: "ECONNREFUSED" }));
    }
    return query(...args);
  };
  return { db: drizzle({ client: pool, casing: "snake_case" }), pool, stats };
}

describe("segment writer on real PostgreSQL", () => {
  const { db, pool, stats } = countingDb();
  let speaker: Speaker;
  beforeAll(async () => {
    [speaker] = (await seedSpeakers(db)) as [Speaker];
  });
  afterAll(() => pool.end());

  const segment = (i: number, onStored?: () => void): PendingSegment => ({
    videoSessionId: speaker.sessionId,
    participantId: speaker.participantId,
    utteranceId: `w-${i}`,
    text: `segment ${i}`,
    language: "en",
    startMs: i * 1000,
    endMs: i * 1000 + 900,
    confidence: 0.9,
    provider: "test",
    onStored,
  });
  const stored = async () =>
    (
      await db
        .select()
        .from(transcriptSegments)
        .where(eq(transcriptSegments.videoSessionId, speaker.sessionId))
    ).length;
  const opts = { flushIntervalMs: 300, maxBatch: 100, highWater: 150, maxPending: 200, backoffMs: () => 50 };

  it("writes what arrives within one interval as one statement, and a full batch at once", async () => {
    const writer = createSegmentWriter(db, opts);
    stats.inserts = 0;
    const acked: string[] = [];
    for (let i = 0; i < 40; i++) writer.add(segment(i, () => acked.push(`w-${i}`)));
    await writer.drain();
    expect(stats.inserts).toBe(1);
    expect(acked.length).toBe(40);
    expect(await stored()).toBe(40);

    // After a drain the writer batches again (it does not keep flushing item by item).
    stats.inserts = 0;
    for (let i = 40; i < 50; i++) writer.add(segment(i));
    await expect.poll(stored, { timeout: 5_000 }).toBe(50);
    expect(stats.inserts).toBe(1);

    // With a tick far away, 100 waiting (a full batch) are written at once, in one statement.
    const slow = createSegmentWriter(db, { ...opts, flushIntervalMs: 3_600_000 });
    stats.inserts = 0;
    for (let i = 100; i < 200; i++) slow.add(segment(i));
    await expect.poll(stored, { timeout: 5_000 }).toBe(150);
    expect(stats.inserts).toBe(1);
  });

  it("stores any text and missing values exactly as given", async () => {
    const writer = createSegmentWriter(db, opts);
    const odd = ['she said "no", {then} left\\ — ёлка 🎄', "NULL", "", 'it\'s, a "test"\n next line'];
    odd.forEach((text, i) =>
      writer.add({ ...segment(900 + i), text, language: null, startMs: null, endMs: null, confidence: null }),
    );
    await writer.drain();
    const rows = await db
      .select()
      .from(transcriptSegments)
      .where(eq(transcriptSegments.videoSessionId, speaker.sessionId));
    for (const [i, text] of odd.entries()) {
      const row = rows.find((r) => r.utteranceId === `w-${900 + i}`)!;
      expect(row).toMatchObject({
        text,
        language: null,
        startMs: null,
        endMs: null,
        confidence: null,
        isFinal: true,
      });
    }
    const regular = rows.find((r) => r.utteranceId === "w-1")!;
    expect(regular).toMatchObject({
      text: "segment 1",
      language: "en",
      startMs: 1000,
      endMs: 1900,
      provider: "test",
    });
    expect(regular.confidence).toBeCloseTo(0.9, 5);
  });

  it("stores a re-sent or duplicated final once and acknowledges every copy", async () => {
    const writer = createSegmentWriter(db, opts);
    const acks: number[] = [];
    writer.add(segment(1, () => acks.push(1)));
    writer.add(segment(1, () => acks.push(2)));
    writer.add(segment(500, () => acks.push(3)));
    await writer.drain();
    expect(acks.sort()).toEqual([1, 2, 3]);
    expect(await stored()).toBe(155);
  });

  it("keeps one entry per key: a flood of copies is one row, and each listener hears once", async () => {
    const writer = createSegmentWriter(db, { ...opts, flushIntervalMs: 3_600_000 });
    const heard: string[] = [];
    const socketA = (id: string) => heard.push(`a:${id}`);
    const socketB = (id: string) => heard.push(`b:${id}`);
    // w-1 is stored already (the test before): the listeners still hear that it is.
    for (let i = 0; i < 500; i++) writer.add({ ...segment(1), onStored: socketA });
    writer.add({ ...segment(1), onStored: socketB });
    expect(writer.pending).toBe(1);
    await writer.drain();
    expect(heard.sort()).toEqual(["a:w-1", "b:w-1"]);
  });

  it("keeps every item through failed flushes, reports pressure, refuses beyond its bound, then stores all", async () => {
    const pressure: boolean[] = [];
    const writer = createSegmentWriter(db, { ...opts, observer: { pressure: (on) => pressure.push(on) } });
    stats.down = true;
    stats.inserts = 0;
    const acked = new Set<number>();
    let refused = 0;
    for (let i = 1000; i < 1250; i++) if (!writer.add(segment(i, () => acked.add(i)))) refused++;
    // A retry after the first failed flush, however long the retries take on this machine.
    await vi.waitFor(() => expect(stats.inserts).toBeGreaterThan(1), { timeout: 10_000 });
    expect(acked.size).toBe(0);
    expect(writer.pending).toBe(200);
    expect(refused).toBe(50);
    expect(writer.saturated).toBe(true);
    stats.down = false;
    await writer.drain();
    expect(acked.size).toBe(200);
    expect(await stored()).toBe(155 + 200);
    expect(pressure).toEqual([true, false]);
  });
});
