import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { createLogger } from "@/lib/logger";
import { transcriptSegments, transcriptSegmentTranslations } from "@/lib/db/schema/transcription";
import type {
  ProviderTranscript,
  ProviderTranslation,
} from "@/modules/core/captions/application/stt-provider";
import { CHUNK_BYTES } from "@/modules/core/captions/domain/audio";
import type { ServerMessage } from "@/modules/core/captions/domain/protocol";
import { createGladiaProvider } from "@/modules/core/captions/infra/gladia-provider";
import { startTranscriptionServer, type TranscriptionServer } from "../../ws/server/server";
import { startGladiaStandIn, type GladiaStandIn } from "../support/gladia-standin";
import { fakeTranslation, scriptedSpeech } from "../support/gladia-standin-helpers";
import { setupSpace } from "../support/sessions";
import { MEETING_SENTENCES, chunks } from "../support/speech";
import { TranscriptionTestClient as Client, streamPcm } from "../support/transcription-client";
import { joinedSpeaker, testSecret, tokenFor } from "../support/transcription-fixtures";

const KEY = "gladia-test-key";
const SENTENCES = MEETING_SENTENCES.slice(0, 3);

let audio: Buffer;
let standIn: GladiaStandIn;

beforeAll(async () => {
  const { audio: speech, script } = scriptedSpeech(SENTENCES);
  audio = speech;
  standIn = await startGladiaStandIn({ apiKey: KEY, script });
});

afterAll(async () => {
  await standIn?.close();
});

describe("Gladia adapter: real-time translation", () => {
  it("asks for the stream's target languages and maps each translation to its final's id", async () => {
    const p = createGladiaProvider({
      apiKey: KEY,
      apiUrl: standIn.url,
      translation: { languages: ["ru", "de", "fr"], model: "enhanced" },
    });
    expect(p.translation).toEqual({ languages: ["ru", "de", "fr"] });
    const finals: ProviderTranscript[] = [];
    const translations: ProviderTranslation[] = [];
    const stream = await p.openStream({
      language: "en",
      streamId: "s-tr",
      translateTo: ["ru", "de"],
      onTranscript: (t) => t.isFinal && finals.push(t),
      onTranslation: (t) => translations.push(t),
      onError: (e) => {
        throw new Error(e.code);
      },
    });
    expect(standIn.initRequests.at(-1)!.body).toMatchObject({
      messages_config: { receive_realtime_processing_events: true },
      realtime_processing: {
        translation: true,
        translation_config: { target_languages: ["ru", "de"], model: "enhanced" },
      },
    });
    for (const c of chunks(audio, CHUNK_BYTES)) stream.write(c);
    await stream.close();
    await p.shutdown();

    expect(finals.map((f) => f.text)).toEqual(SENTENCES);
    // Per final, one translation per language, tied to the final's own id; the language is the
    // one the message names (the stand-in's fake text carries it too).
    expect(translations).toEqual(
      finals.flatMap((f) =>
        ["ru", "de"].map((language) => ({ id: f.id, language, text: fakeTranslation(language, f.text) })),
      ),
    );
  });

  it("a stream that asks for no translation opens a plain session and gets none", async () => {
    const p = createGladiaProvider({ apiKey: KEY, apiUrl: standIn.url, translation: { languages: ["ru"] } });
    const translations: ProviderTranslation[] = [];
    const stream = await p.openStream({
      language: "en",
      streamId: "s-plain",
      onTranscript: () => {},
      onTranslation: (t) => translations.push(t),
      onError: () => {},
    });
    const body = standIn.initRequests.at(-1)!.body as Record<string, unknown>;
    expect(body.realtime_processing).toBeUndefined();
    for (const c of chunks(audio, CHUNK_BYTES)) stream.write(c);
    await stream.close();
    await p.shutdown();
    expect(translations).toEqual([]);
  });
});

describe("ws server with Gladia translation (stand-in)", () => {
  let stopDb: () => Promise<void>;
  let db: ReturnType<typeof createDb>["db"];
  const servers: TranscriptionServer[] = [];
  const secret = testSecret();

  beforeAll(() => {
    const made = createDb(process.env.DATABASE_URL!, 4);
    db = made.db;
    stopDb = () => made.pool.end();
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.shutdown()));
    await stopDb?.();
  });

  async function server(languages: string[]) {
    const s = await startTranscriptionServer({
      host: "127.0.0.1",
      port: 0,
      db,
      secret,
      provider: createGladiaProvider({
        apiKey: KEY,
        apiUrl: standIn.url,
        translation: { languages },
        pricePerMinute: 0.01,
      }),
      log: createLogger("ws-test", "silent"),
      gating: null,
    });
    servers.push(s);
    return s;
  }

  /**
   * One speaker streams the scripted audio; returns what their client received and what was stored
   * once every final was acknowledged and `translations` translation rows are there.
   */
  async function speak(s: TranscriptionServer, translations: number) {
    const ctx = await setupSpace();
    const speaker = await joinedSpeaker(ctx.host, ctx.spaceId, ctx.member);
    const c = await Client.ready(s.url, tokenFor(secret, speaker));
    // 4× real time: a short clip, within the stream's audio burst (SETTINGS.audioRate).
    await streamPcm(c, audio, { speed: 4 });
    // Everything acknowledged as stored before looking at the database.
    await c.waitUntil(() => c.finals().length === SENTENCES.length);
    await c.waitUntil(() => c.ackedIds().size === SENTENCES.length);
    c.close();
    await c.closed;
    const translated = () =>
      db
        .select()
        .from(transcriptSegmentTranslations)
        .where(eq(transcriptSegmentTranslations.videoSessionId, speaker.sessionId));
    await expect.poll(async () => (await translated()).length).toBe(translations);
    const stored = await db
      .select()
      .from(transcriptSegments)
      .where(eq(transcriptSegments.videoSessionId, speaker.sessionId));
    return { c, stored, translated: await translated() };
  }

  it("sends each final and then its translations, and stores both", async () => {
    // The session is in English: English is not offered as a translation.
    const { c, stored, translated } = await speak(await server(["ru", "en", "de"]), SENTENCES.length * 2);
    expect(c.messages[0]).toMatchObject({ type: "ready", translation: { languages: ["ru", "de"] } });

    const finals = c.finals();
    expect(finals.map((f) => f.text)).toEqual(SENTENCES);
    const shown = c.messages.filter((m) => m.type === "translation");
    expect(shown).toHaveLength(finals.length * 2);
    for (const t of shown) {
      const final = finals.find((f) => f.utteranceId === t.utteranceId)!;
      expect(t.text).toBe(fakeTranslation(t.language, final.text));
      // After the final it translates.
      expect(c.messages.indexOf(t)).toBeGreaterThan(c.messages.indexOf(final));
    }

    expect(stored.map((r) => r.utteranceId).sort()).toEqual(finals.map((f) => f.utteranceId).sort());
    const rows = translated.map((r) => ({ u: r.utteranceId, l: r.language, t: r.text, p: r.provider }));
    const expected = finals.flatMap((f) =>
      ["ru", "de"].map((l) => ({ u: f.utteranceId, l, t: fakeTranslation(l, f.text), p: "gladia" })),
    );
    const order = (a: { u: string; l: string }, b: { u: string; l: string }) =>
      a.u.localeCompare(b.u) || a.l.localeCompare(b.l);
    expect(rows.sort(order)).toEqual(expected.sort(order));
  }, 60_000);

  it("with no languages configured: says so on ready, translates and stores nothing", async () => {
    const { c, stored, translated } = await speak(await server([]), 0);
    const ready = c.messages[0] as Extract<ServerMessage, { type: "ready" }>;
    expect(ready.translation).toEqual({ languages: [], reason: "not_configured" });
    expect(c.messages.filter((m) => m.type === "translation")).toEqual([]);
    expect(stored).toHaveLength(SENTENCES.length);
    expect(translated).toEqual([]);
    // The session still carries the participants' names as vocabulary (ws-vocabulary.test.ts).
    const rt = (standIn.initRequests.at(-1)!.body as { realtime_processing?: Record<string, unknown> })
      .realtime_processing;
    expect(rt?.translation).toBeUndefined();
    expect(rt?.translation_config).toBeUndefined();
  }, 60_000);
});
