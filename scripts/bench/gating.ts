/**
 * What the speech gate saves (`npm run bench:gating`): a scripted 5-person call through the real ws
 * server and PocketSphinx, each participant a protocol client streaming their own microphone: a
 * low noise floor throughout, their own sentences only in their turns, one speaker at a time, and
 * nobody speaking for 30 % of the call. Run with gating on, then off. Reports billed STT seconds ÷
 * call seconds (gating off bills every second of every microphone: 5.0) and the words recovered,
 * gated vs ungated. BENCH_GATING_SPEED=2 plays the call twice as fast (default: real time).
 */
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { execFileSync } from "node:child_process";
import { createDb } from "../../src/lib/db/client";
import { transcriptionUsage } from "../../src/lib/db/schema/transcription";
import { createLogger } from "../../src/lib/logger";
import { BYTES_PER_SECOND } from "../../src/modules/core/captions/domain/audio";
import { createPocketSphinxProvider } from "../../src/modules/core/captions/infra/pocketsphinx-provider";
import { startTranscriptionServer } from "../../ws/server/server";
import { createDatabase, dropDatabase } from "../../tests/support/next-server";
import { withNoiseFloor } from "../../tests/support/noise";
import { MEETING_SENTENCES, speechPcm16k, wordRecall } from "../../tests/support/speech";
import { TranscriptionTestClient as Client, streamPcm } from "../../tests/support/transcription-client";
import { seedSpeakers, tokenFor } from "../../tests/support/transcription-seed";

const PEOPLE = 5;
const SILENT_SHARE = 0.3;
const SPEED = Number(process.env.BENCH_GATING_SPEED ?? 1);
const TURNS = [
  ...MEETING_SENTENCES,
  "I can share the test results on Thursday afternoon.",
  "The new office will open in the spring.",
  "We should ask the client about the delivery date.",
  "Thank you, that sounds like a good plan.",
  "Let us meet again next Monday at ten.",
];

/** Every participant's microphone for the call, and the words spoken in it. */
function scriptCall() {
  // A turn is two sentences (what one person says before the next speaks), read with a short pause.
  const turns = Array.from({ length: TURNS.length / 2 }, (_, i) =>
    speechPcm16k({ sentences: TURNS.slice(2 * i, 2 * i + 2), pauseMs: 500 }),
  );
  const speech = turns.reduce((n, t) => n + t.pcm.length, 0);
  const total = Math.round(speech / (1 - SILENT_SHARE) / 2) * 2;
  const gap = Math.floor((total - speech) / (turns.length + 1) / 2) * 2;
  const mics = Array.from({ length: PEOPLE }, () => Buffer.alloc(total));
  let at = gap;
  turns.forEach((t, i) => {
    t.pcm.copy(mics[i % PEOPLE]!, at);
    at += t.pcm.length + gap;
  });
  return {
    mics: mics.map((m, i) => withNoiseFloor(m, 80, i + 1)),
    seconds: total / BYTES_PER_SECOND,
    speechSeconds: speech / BYTES_PER_SECOND,
    text: TURNS.join(" "),
  };
}

async function run(url: string, call: ReturnType<typeof scriptCall>, gating: boolean) {
  const { db, pool } = createDb(url, 4);
  const python = execFileSync("bash", ["scripts/install-stt.sh", "--print-python"], {
    encoding: "utf8",
  }).trim();
  const provider = createPocketSphinxProvider({ python, workers: 2 });
  const secret = randomBytes(32).toString("base64url");
  const server = await startTranscriptionServer({
    host: "127.0.0.1",
    port: 0,
    db,
    secret,
    provider,
    log: createLogger("ws-bench", "warn"),
    gating: gating ? { vadMode: 3 } : null,
  });
  const speakers = await seedSpeakers(db, PEOPLE);
  const clients = await Promise.all(speakers.map((s) => Client.ready(server.url, tokenFor(secret, s))));
  await Promise.all(clients.map((c, i) => streamPcm(c, call.mics[i]!, { speed: SPEED })));
  // The last finals: wait until every final is acknowledged and none arrived for 3 s.
  let seen = -1;
  while (seen !== clients.reduce((n, c) => n + c.finals().length, 0)) {
    seen = clients.reduce((n, c) => n + c.finals().length, 0);
    await new Promise((r) => setTimeout(r, 3_000));
  }
  for (const c of clients) c.close();
  await Promise.all(clients.map((c) => c.closed));
  await server.shutdown();
  const rows = await db
    .select()
    .from(transcriptionUsage)
    .where(eq(transcriptionUsage.videoSessionId, speakers[0]!.sessionId));
  await pool.end();
  const heard = clients.flatMap((c) => c.finals().map((f) => f.text)).join(" ");
  return {
    received: rows.reduce((n, r) => n + Number(r.audioSeconds), 0),
    billed: rows.reduce((n, r) => n + Number(r.billedSeconds), 0),
    recall: wordRecall(call.text, heard),
  };
}

async function main() {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error("TEST_DATABASE_URL is not set: run `npm run bench:gating` (scripts/bench.sh)");
  const dbName = `rooms_bench_gating_${randomBytes(4).toString("hex")}`;
  const url = await createDatabase(admin, dbName);
  try {
    const call = scriptCall();
    console.log(
      `call: ${call.seconds.toFixed(1)} s, ${PEOPLE} microphones, speech ${call.speechSeconds.toFixed(1)} s ` +
        `(${((1 - call.speechSeconds / call.seconds) * 100).toFixed(0)} % nobody speaks), speed ×${SPEED}`,
    );
    const on = await run(url, call, true);
    const off = process.env.BENCH_GATING_ONLY ? on : await run(url, call, false);
    for (const [name, r] of [
      ["gating on ", on],
      ["gating off", off],
    ] as const) {
      console.log(
        `${name}: received ${r.received.toFixed(1)} s, billed ${r.billed.toFixed(1)} s = ` +
          `${(r.billed / call.seconds).toFixed(2)} × call; word recall ${(r.recall * 100).toFixed(1)} %`,
      );
    }
    console.log(`words recovered gated ÷ ungated: ${((on.recall / off.recall) * 100).toFixed(1)} %`);
  } finally {
    await dropDatabase(admin, dbName);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
