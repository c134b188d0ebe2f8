/**
 * `npm run bench:transcript`: time to first byte and to the last byte of the transcript page and
 * its downloads for a session of 10,000 segments, on a production build over real PostgreSQL.
 * Requests are sequential (one reader), after a warm-up; prints one JSON line of figures.
 */
import os from "node:os";
import { encode } from "next-auth/jwt";
import { createDb } from "../../src/lib/db/client";
import { participants, videoSessions } from "../../src/lib/db/schema/sessions";
import { transcriptSegments } from "../../src/lib/db/schema/transcription";
import { signInDev } from "../../src/modules/core/identity/application/sign-in-dev";
import { createSession } from "../../src/modules/core/sessions/application/create-session";
import { createSpace } from "../../src/modules/core/spaces/application/create-space";
import { startAppServer } from "../../tests/support/next-server";
import { eq } from "drizzle-orm";
import { captionLanguages } from "../../src/modules/core/captions/domain/caption-languages";

const SEGMENTS = Number(process.env.BENCH_SEGMENTS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const SPEAKERS = 6;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function time(url: string, cookie: string) {
  const started = performance.now();
  const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const ttfb = performance.now() - started;
  const bytes = (await res.arrayBuffer()).byteLength;
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  return { ttfb, total: performance.now() - started, bytes };
}

async function main() {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin)
    throw new Error("TEST_DATABASE_URL is not set: run `npm run bench:transcript` (scripts/bench.sh)");
  const server = await startAppServer({ admin, dbPrefix: "rooms_bench" });
  const { db, pool } = createDb(server.databaseUrl, 4);
  try {
    const host = await signInDev(db, { name: "Bench Host", email: "host@bench.test" });
    const space = await createSpace(db, { userId: host.id, name: "Bench" });
    const session = await createSession(
      db,
      captionLanguages({ provider: "pocketsphinx", gladiaKey: false, localModels: [] }),
      {
        userId: host.id,
        spaceId: space.id,
        title: "Long meeting",
        maxParticipants: null,
        transcriptionEnabled: true,
        transcriptionLanguage: "en",
        uiLocale: "en",
        allowGuests: false,
      },
    );
    const started = new Date(Date.now() - 8 * 3_600_000);
    await db
      .update(videoSessions)
      .set({ status: "ENDED", startedAt: started, endedAt: new Date() })
      .where(eq(videoSessions.id, session.id));
    const speakers = await db
      .insert(participants)
      .values(
        Array.from({ length: SPEAKERS }, (_, i) => ({
          videoSessionId: session.id,
          identity: `guest-bench-${i}`,
          displayName: `Speaker ${i}`,
          role: "GUEST" as const,
        })),
      )
      .returning();
    const ids: string[] = [];
    for (let from = 0; from < SEGMENTS; from += 1000) {
      const rows = await db
        .insert(transcriptSegments)
        .values(
          Array.from({ length: Math.min(1000, SEGMENTS - from) }, (_, j) => {
            const i = from + j;
            return {
              videoSessionId: session.id,
              participantId: speakers[Math.floor(i / 4) % SPEAKERS]!.id,
              utteranceId: `bench-${i}`,
              text: `Segment ${i}: we talked about the roadmap, item ${i % 97}${i % 500 === 0 ? " and the budget" : ""}${i % 700 === 0 ? " of $40,000" : ""}.`,
              startMs: 0,
              endMs: 2000,
              provider: "bench",
              createdAt: new Date(started.getTime() + 2500 + i * 2500),
            };
          }),
        )
        .returning({ id: transcriptSegments.id });
      ids.push(...rows.map((r) => r.id));
    }
    await pool.query("analyze transcript_segments");
    const token = await encode({
      token: { uid: host.id, name: host.name, email: host.email },
      secret: server.secret,
    });
    const cookie = `next-auth.session-token=${token}`;
    const base = `${server.baseUrl}/s/${session.slug}/transcript`;
    const targets: Record<string, string> = {
      firstPage: base,
      page25: `${base}?page=25`,
      lastSegmentLink: `${base}?segment=${ids[ids.length - 1]}`,
      search: `${base}?q=budget`,
      // A number: the query and its other forms ("40,000", "40000"), each looked for in every line.
      searchNumber: `${base}?q=forty%20thousand`,
      exportVtt: `${server.baseUrl}/api/sessions/${session.slug}/transcript/export?format=vtt`,
      exportJson: `${server.baseUrl}/api/sessions/${session.slug}/transcript/export?format=json`,
    };
    const figures: Record<string, unknown> = {};
    for (const [name, url] of Object.entries(targets)) {
      for (let i = 0; i < 3; i++) await time(url, cookie); // warm-up: JIT, route compilation, caches
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await time(url, cookie));
      const ttfb = runs.map((r) => r.ttfb).sort((a, b) => a - b);
      const total = runs.map((r) => r.total).sort((a, b) => a - b);
      figures[name] = {
        ttfbMs: { p50: Math.round(percentile(ttfb, 50)), p95: Math.round(percentile(ttfb, 95)) },
        totalMs: { p50: Math.round(percentile(total, 50)), p95: Math.round(percentile(total, 95)) },
        kB: Math.round(runs[0]!.bytes / 1024),
      };
    }
    console.log(
      JSON.stringify({
        bench: "transcript-page",
        segments: SEGMENTS,
        runs: RUNS,
        ...figures,
        loadAverage: os.loadavg().map((l) => Number(l.toFixed(1))),
        machine: `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}`,
      }),
    );
  } finally {
    await pool.end();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
