import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SttProvider } from "@/modules/core/captions/application/stt-provider";
import { ServiceUnavailableError } from "@/modules/core/shared/domain/errors";
import {
  createWhisperProvider,
  findWhisperModels,
  type WhisperModels,
} from "@/modules/core/captions/infra/whisper-provider";
import {
  MODELS_DIR,
  feed,
  finalText,
  finals,
  installLocalStt,
  openRecorded,
  transcribe,
  type Got,
} from "../support/local-stt";
import {
  MEETING_SENTENCES,
  RUSSIAN_SENTENCES,
  speechPcm16k,
  wordErrorRate,
  wordRecall,
} from "../support/speech";

// The real recognizer and models: installed here if missing (a no-op when they are there), never skipped.
let python = "";
let models: WhisperModels;
let provider: SttProvider;
/** Audio comes faster than real time here: the lag budget has its own tests (stt-whisper-lag). */
const UNBOUNDED = { lag: { targetMs: 600_000, boundMs: 600_000 }, closeTimeoutMs: 60_000 };
const PARTIAL_MS = 480;

beforeAll(() => {
  python = installLocalStt();
  models = findWhisperModels(MODELS_DIR);
  provider = createWhisperProvider({ python, models, partialIntervalMs: PARTIAL_MS, ...UNBOUNDED });
}, 300_000);

afterAll(async () => {
  await provider.shutdown();
});

/** Partials and the final of each utterance, checked the way captions rely on them. */
function expectUtterances(got: Got, durationMs: number, language: string) {
  for (const f of finals(got)) {
    const own = got.transcripts.filter((t) => t.id === f.id);
    // partials first, then exactly one final, and nothing for that id after it
    expect(own.at(-1)).toBe(f);
    expect(own.filter((t) => t.isFinal)).toHaveLength(1);
    expect(f.startMs!).toBeLessThan(f.endMs!);
    expect(f.endMs!).toBeLessThanOrEqual(durationMs);
    expect(f.confidence).toBeGreaterThan(0);
    expect(f.confidence).toBeLessThanOrEqual(1);
    for (const t of own) {
      expect(t.language).toBe(language);
      expect(t.startMs).toBe(f.startMs);
    }
  }
}

describe("Whisper provider (real worker, tiny.en and base)", () => {
  it("meeting sentences: partials every ~480 ms of speech, one final per utterance with stable ids, WER ≤ 5 %", async () => {
    const speech = speechPcm16k({
      sentences: MEETING_SENTENCES,
      leadingSilenceMs: 300,
      trailingSilenceMs: 800,
    });
    // Every final comes from the endpointer (the trailing silence ends the last sentence): the
    // close drains, and a final from the flush would carry an id past the sentences'.
    const got = await transcribe(provider, speech.pcm, 2, { streamId: "meeting" });
    expect(got.errors).toEqual([]);
    expect(finals(got).map((t) => t.id)).toEqual(MEETING_SENTENCES.map((_, i) => String(i + 1)));
    const wer = wordErrorRate(speech.text, finalText(got));
    console.info(`Whisper tiny.en WER on ${speech.durationMs} ms of speech: ${(wer * 100).toFixed(1)} %`);
    expect(wer).toBeLessThanOrEqual(0.05);
    expectUtterances(got, speech.durationMs, "en");
    const fin = finals(got);
    for (let i = 1; i < fin.length; i++) expect(fin[i]!.startMs!).toBeGreaterThan(fin[i - 1]!.endMs!);

    // Partials at a steady interval: one per 480 ms of speech (skipped only when the text did
    // not change), so consecutive ones of an utterance are 480 ms apart plus at most one 30 ms
    // endpointer frame, or a multiple of that.
    const gaps: number[] = [];
    for (const f of fin) {
      const ends = got.transcripts.filter((t) => t.id === f.id && !t.isFinal).map((t) => t.endMs!);
      expect(ends.length).toBeGreaterThan(0);
      for (let i = 1; i < ends.length; i++) gaps.push(ends[i]! - ends[i - 1]!);
    }
    for (const g of gaps) expect(g).toBeGreaterThanOrEqual(PARTIAL_MS);
    const steady = gaps.filter((g) => g < PARTIAL_MS + 60).length;
    expect(steady / gaps.length).toBeGreaterThanOrEqual(0.6);
  }, 120_000);

  it("close drains the utterance in flight: its final arrives before close() resolves", async () => {
    const speech = speechPcm16k({ sentences: [MEETING_SENTENCES[1]!], leadingSilenceMs: 200 });
    const { stream, got } = await openRecorded(provider, "drain");
    await feed((c) => stream.write(c), speech.pcm, 8);
    await stream.close();
    expect(got.errors).toEqual([]);
    expect(finals(got)).toHaveLength(1);
    expect(wordErrorRate(speech.text, finalText(got))).toBeLessThanOrEqual(0.1);
    // closing twice is harmless and writes after close are ignored
    stream.write(speech.pcm.subarray(0, 5120));
    await stream.close();
    expect(finals(got)).toHaveLength(1);
  }, 60_000);

  it("keeps two concurrent streams apart", async () => {
    const a = speechPcm16k({ sentences: MEETING_SENTENCES.slice(0, 2), trailingSilenceMs: 600 });
    const b = speechPcm16k({ sentences: MEETING_SENTENCES.slice(3, 5), trailingSilenceMs: 600 });
    const [ga, gb] = await Promise.all([
      transcribe(provider, a.pcm, 8, { streamId: "a" }),
      transcribe(provider, b.pcm, 8, { streamId: "b" }),
    ]);
    expect(wordErrorRate(a.text, finalText(ga))).toBeLessThanOrEqual(0.1);
    expect(wordErrorRate(b.text, finalText(gb))).toBeLessThanOrEqual(0.1);
    // neither heard the other's words
    expect(wordRecall("budget month questions", finalText(ga))).toBe(0);
    expect(wordRecall("morning joining schedule", finalText(gb))).toBe(0);
  }, 60_000);

  it("the stream's vocabulary (the initial prompt) makes a made-up surname come out right", async () => {
    const speech = speechPcm16k({
      sentences: ["Please send the report to Vostrikova before Friday."],
      leadingSilenceMs: 200,
      trailingSilenceMs: 800,
    });
    const hear = async (vocabulary?: string[]) => {
      const got = await transcribe(provider, speech.pcm, 8, { vocabulary });
      expect(got.errors).toEqual([]);
      return finalText(got);
    };
    const without = await hear();
    const withIt = await hear(["Alice Martin", "Vostrikova", "roadmap"]);
    console.info(`without vocabulary: "${without}"; with it: "${withIt}"`);
    expect(withIt).toMatch(/\bVostrikova\b/);
    expect(without).not.toMatch(/\bVostrikova\b/);
  }, 60_000);

  it("Russian with the multilingual model: Cyrillic finals, language ru", async () => {
    const speech = speechPcm16k({ sentences: RUSSIAN_SENTENCES, voice: "ru", trailingSilenceMs: 800 });
    // In real time: base costs ~3× tiny.en per partial, faster input only piles up behind it.
    const got = await transcribe(provider, speech.pcm, 1, { language: "ru" });
    expect(got.errors).toEqual([]);
    const text = finalText(got);
    const recall = wordRecall(speech.text, text);
    console.info(`Whisper base, Russian: recall ${(recall * 100).toFixed(0)} %: ${text}`);
    expect(text).toMatch(/[а-яё]{3,}/i);
    expect(recall).toBeGreaterThanOrEqual(0.6);
    expectUtterances(got, speech.durationMs, "ru");
  }, 120_000);

  it("auto-detect: each utterance in its own language (Russian, then English, one stream)", async () => {
    const ru = speechPcm16k({
      sentences: RUSSIAN_SENTENCES.slice(0, 2),
      voice: "ru",
      trailingSilenceMs: 800,
    });
    const en = speechPcm16k({ sentences: MEETING_SENTENCES.slice(0, 2), trailingSilenceMs: 800 });
    const got = await transcribe(provider, Buffer.concat([ru.pcm, en.pcm]), 1, { language: "auto" });
    expect(got.errors).toEqual([]);
    const byLanguage = (l: string) =>
      finals(got)
        .filter((t) => t.language === l)
        .map((t) => t.text)
        .join(" ");
    console.info(`Whisper base, auto: ru "${byLanguage("ru")}" | en "${byLanguage("en")}"`);
    expect(byLanguage("ru")).toMatch(/[а-яё]{3,}/i);
    expect(wordRecall(ru.text, byLanguage("ru"))).toBeGreaterThanOrEqual(0.5);
    expect(wordRecall(en.text, byLanguage("en"))).toBeGreaterThanOrEqual(0.7);
    // Partials and the final of one utterance agree on where it starts; each carries a language.
    for (const t of got.transcripts) expect(["ru", "en"]).toContain(t.language);
  }, 180_000);

  it("offers the languages of the installed models only", async () => {
    expect(provider.unsupportedReason("en")).toBeNull();
    expect(provider.unsupportedReason("en-GB")).toBeNull();
    expect(provider.unsupportedReason("ru")).toBeNull();
    expect(provider.unsupportedReason("de-DE")).toBeNull();
    expect(provider.unsupportedReason("xx")).toMatch(/does not know "xx"/);
    expect(provider.unsupportedReason("auto")).toBeNull();
    const englishOnly = createWhisperProvider({ python, models: { english: models.english } });
    try {
      expect(englishOnly.unsupportedReason("en")).toBeNull();
      expect(englishOnly.unsupportedReason("ru")).toMatch(/only its English model.*"ru"/);
      expect(englishOnly.unsupportedReason("auto")).toMatch(/only its English model/);
      const err = await openRecorded(englishOnly, "ru", { language: "ru" }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ServiceUnavailableError);
    } finally {
      await englishOnly.shutdown();
    }
  });

  it("a model directory that does not load is a clear 'captions unavailable', not a crash", async () => {
    const broken = createWhisperProvider({
      python,
      models: { english: "/nonexistent/model" },
      readyTimeoutMs: 30_000,
    });
    const err = await openRecorded(broken, "x").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceUnavailableError);
    expect((err as ServiceUnavailableError).code).toBe("captions_unavailable");
    await broken.shutdown();
    await sleep(0);
  });
});
