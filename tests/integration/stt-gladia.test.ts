import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ServiceUnavailableError } from "@/modules/core/shared/domain/errors";
import { BYTES_PER_SECOND, CHUNK_BYTES } from "@/modules/core/captions/domain/audio";
import type { ProviderTranscript, SttProvider } from "@/modules/core/captions/application/stt-provider";
import { createGladiaProvider, type GladiaOptions } from "@/modules/core/captions/infra/gladia-provider";
import { scriptedSpeech } from "../support/gladia-standin-helpers";
import { startGladiaStandIn, type GladiaStandIn, type ScriptedUtterance } from "../support/gladia-standin";
import { MEETING_SENTENCES, chunks } from "../support/speech";

const KEY = "gladia-test-key";
const SENTENCES = MEETING_SENTENCES.slice(0, 3);

// Real speech, sentence after sentence; the stand-in's script knows where each one lies.
let audio: Buffer;
let script: ScriptedUtterance[];
let standIn: GladiaStandIn;

beforeAll(async () => {
  ({ audio, script } = scriptedSpeech(SENTENCES));
  standIn = await startGladiaStandIn({ apiKey: KEY, script });
});

afterAll(async () => {
  await standIn.close();
});

beforeEach(() => {
  Object.assign(standIn.behaviour, {
    initDelayMs: 0,
    initFailures: [],
    dropAfterBytes: [],
    ackDelayMs: 0,
    rejectNextChunk: null,
    closeWith: null,
  });
});

type Got = {
  transcripts: ProviderTranscript[];
  errors: { code: string; reason: string; retryable: boolean }[];
};

function provider(extra: Partial<GladiaOptions> = {}): SttProvider {
  return createGladiaProvider({ apiKey: KEY, apiUrl: standIn.url, httpTimeoutMs: 5_000, ...extra });
}

async function open(p: SttProvider, language = "en") {
  const got: Got = { transcripts: [], errors: [] };
  const stream = await p.openStream({
    language,
    streamId: `s-${Math.random()}`,
    onTranscript: (t) => got.transcripts.push(t),
    onError: (e) => got.errors.push(e),
  });
  return { stream, got, session: standIn.sessions().at(-1)! };
}

/** 160 ms chunks with a pause every `every` chunks, so socket drops land mid-stream. */
async function feed(write: (b: Buffer) => void, pcm: Buffer, every = 4, pauseMs = 5) {
  let i = 0;
  for (const c of chunks(pcm, CHUNK_BYTES)) {
    write(c);
    if (++i % every === 0) await sleep(pauseMs);
  }
}

const finals = (got: Got) => got.transcripts.filter((t) => t.isFinal);

describe("Gladia provider against the stand-in", () => {
  it("opens a session with the documented config and maps partials and finals", async () => {
    const p = provider();
    const { stream, got, session } = await open(p, "en-US");
    const init = standIn.initRequests.at(-1)!;
    expect(init.key).toBe(KEY);
    expect(init.body).toMatchObject({
      encoding: "wav/pcm",
      sample_rate: 16000,
      bit_depth: 16,
      channels: 1,
      language_config: { languages: ["en"] },
      messages_config: {
        receive_partial_transcripts: true,
        receive_final_transcripts: true,
        receive_acknowledgments: true,
      },
    });

    await feed((c) => stream.write(c), audio);
    await stream.close();
    expect(got.errors).toEqual([]);
    expect(standIn.audio(session.id).equals(audio)).toBe(true);

    const fin = finals(got);
    expect(fin.map((t) => t.text)).toEqual(SENTENCES);
    script.forEach((u, i) => {
      const f = fin[i]!;
      expect(f).toMatchObject({
        id: `${session.id}-${i}`,
        isFinal: true,
        language: "en",
        confidence: 0.93,
        startMs: Math.round((u.startByte / BYTES_PER_SECOND) * 1000),
        endMs: Math.round((u.endByte / BYTES_PER_SECOND) * 1000),
      });
      const own = got.transcripts.filter((t) => t.id === f.id);
      // two partials, growing, each a prefix of the final, then the final last
      expect(own.map((t) => t.isFinal)).toEqual([false, false, true]);
      expect(f.text.startsWith(own[0]!.text)).toBe(true);
      expect(own[1]!.text.length).toBeGreaterThan(own[0]!.text.length);
    });
    await p.shutdown();
  });

  it("resumes after dropped sockets with no audio lost or repeated", async () => {
    const p = provider();
    // two drops, at about a third and two thirds of the audio
    standIn.behaviour.dropAfterBytes = [Math.floor(audio.length / 3), Math.floor((audio.length * 2) / 3)];
    const { stream, got, session } = await open(p);
    await feed((c) => stream.write(c), audio, 2, 20);
    await stream.close();

    expect(got.errors).toEqual([]);
    expect(session.connections).toBe(3);
    // audio really was lost with the sockets, so only re-sending can explain the full copy below
    expect(session.discardedBytes).toBeGreaterThanOrEqual(2 * CHUNK_BYTES);
    // every byte exactly once, in order: unacknowledged audio was re-sent after each reconnect
    const received = standIn.audio(session.id);
    expect(received.length).toBe(audio.length);
    expect(received.equals(audio)).toBe(true);
    expect(finals(got).map((t) => t.text)).toEqual(SENTENCES);
    await p.shutdown();
  });

  it("survives slow acknowledgments and a slow session start", async () => {
    const p = provider();
    standIn.behaviour.initDelayMs = 400;
    standIn.behaviour.ackDelayMs = 15;
    const { stream, got, session } = await open(p);
    await feed((c) => stream.write(c), audio.subarray(0, script[0]!.endByte));
    await stream.close();
    expect(got.errors).toEqual([]);
    expect(standIn.audio(session.id).equals(audio.subarray(0, script[0]!.endByte))).toBe(true);
    expect(finals(got).map((t) => t.text)).toEqual([SENTENCES[0]]);
  });

  it("a start slower than the timeout is a retryable 'did not answer in time'", async () => {
    standIn.behaviour.initDelayMs = 1_500;
    const err = await open(provider({ httpTimeoutMs: 300 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceUnavailableError);
    expect((err as ServiceUnavailableError).userMessage).toBe(
      "Captions are unavailable: the captions provider did not answer in time.",
    );
    expect((err as ServiceUnavailableError).details).toMatchObject({ retryable: true });
  });

  it("turns init failures into clear messages: bad key, rejected settings, provider down", async () => {
    const bad = createGladiaProvider({ apiKey: "wrong", apiUrl: standIn.url });
    const e401 = (await open(bad).catch((e: unknown) => e)) as ServiceUnavailableError;
    expect(e401).toBeInstanceOf(ServiceUnavailableError);
    expect(e401.code).toBe("captions_unavailable");
    expect(e401.userMessage).toBe("Captions are unavailable: the captions provider rejected the API key.");
    expect(e401.details).toEqual({ retryable: false, status: 401 });
    // the key never leaks into what users see
    expect(e401.userMessage).not.toContain("wrong");

    standIn.behaviour.initFailures = [
      { status: 400, body: { message: "Invalid request parameters", validation_errors: ["sample_rate"] } },
    ];
    const e400 = (await open(provider()).catch((e: unknown) => e)) as ServiceUnavailableError;
    expect(e400.userMessage).toBe(
      "Captions are unavailable: the captions provider rejected the session settings.",
    );
    expect(e400.details).toEqual({ retryable: false, status: 400 });
    expect(e400.message).toContain("validation_errors");

    // the SDK tries twice on 5xx; two failures in a row reach the caller as retryable
    standIn.behaviour.initFailures = [
      { status: 503, body: { message: "Service Unavailable" } },
      { status: 503, body: { message: "Service Unavailable" } },
    ];
    const e503 = (await open(provider()).catch((e: unknown) => e)) as ServiceUnavailableError;
    expect(e503.userMessage).toBe("Captions are unavailable: the captions provider is unavailable.");
    expect(e503.details).toEqual({ retryable: true, status: 503 });

    // one failure is absorbed by the retry
    standIn.behaviour.initFailures = [{ status: 502, body: { message: "Bad Gateway" } }];
    const ok = await open(provider());
    await ok.stream.close();
    expect(ok.got.errors).toEqual([]);
  });

  it("a rejected audio chunk fails the stream for good", async () => {
    const p = provider();
    const { stream, got } = await open(p);
    standIn.behaviour.rejectNextChunk = "Audio chunk could not be decoded";
    stream.write(audio.subarray(0, CHUNK_BYTES));
    await expect
      .poll(() => got.errors)
      .toEqual([
        {
          code: "stt_rejected_audio",
          reason: "the captions provider could not read the audio",
          retryable: false,
        },
      ]);
    await stream.close(); // already finished: resolves at once
  });

  it("server-side closes: a 44xx refusal is final, an unexpected end is retryable", async () => {
    const refused = await open(provider());
    standIn.behaviour.closeWith = { afterBytes: 1, code: 4429, reason: "Too many sessions" };
    refused.stream.write(audio.subarray(0, CHUNK_BYTES));
    await expect
      .poll(() => refused.got.errors)
      .toEqual([expect.objectContaining({ code: "stt_refused", retryable: false })]);
    expect(refused.got.errors[0]!.reason).toContain("Too many sessions");

    const ended = await open(provider());
    standIn.behaviour.closeWith = { afterBytes: 1, code: 1000, reason: "Max duration reached" };
    ended.stream.write(audio.subarray(0, CHUNK_BYTES));
    await expect
      .poll(() => ended.got.errors)
      .toEqual([{ code: "stt_ended", reason: "the captions provider ended the session", retryable: true }]);
  });

  it("gives up after the reconnect attempts with a retryable disconnect", async () => {
    const gone = await startGladiaStandIn({ apiKey: KEY, script });
    const p = createGladiaProvider({ apiKey: KEY, apiUrl: gone.url, reconnectAttempts: 2 });
    const got: Got = { transcripts: [], errors: [] };
    const stream = await p.openStream({
      language: "en",
      streamId: "gone",
      onTranscript: (t) => got.transcripts.push(t),
      onError: (e) => got.errors.push(e),
    });
    stream.write(audio.subarray(0, CHUNK_BYTES));
    await expect.poll(() => gone.sessions()[0]?.bytes).toBe(CHUNK_BYTES);
    await gone.close(); // the whole service disappears
    await expect
      .poll(() => got.errors, { timeout: 10_000 })
      .toEqual([
        { code: "stt_disconnected", reason: "lost the connection to the captions provider", retryable: true },
      ]);
  });

  it("fails a stream whose audio Gladia stops acknowledging instead of buffering it forever", async () => {
    const p = provider({ maxUnackedBytes: 4 * CHUNK_BYTES });
    const { stream, got } = await open(p);
    standIn.behaviour.ackDelayMs = 1_000;
    for (let i = 0; i < 8; i++) stream.write(audio.subarray(0, CHUNK_BYTES));
    expect(got.errors).toEqual([
      { code: "stt_backlog", reason: "the captions provider is not keeping up", retryable: true },
    ]);
    await stream.close();
  });

  it("shutdown ends open sessions and tells their streams it is shutting down", async () => {
    const p = provider();
    const { stream, got, session } = await open(p);
    stream.write(audio.subarray(0, CHUNK_BYTES));
    await expect.poll(() => session.bytes).toBe(CHUNK_BYTES);
    await p.shutdown();
    expect(got.errors).toEqual([
      { code: "stt_shutdown", reason: "captions are shutting down", retryable: true },
    ]);
    await expect.poll(() => session.socket).toBeNull();
    await stream.close(); // resolves at once
  });

  it("asks Gladia to detect the language of each utterance for an auto session (code switching)", async () => {
    const p = provider();
    expect(p.unsupportedReason("auto")).toBeNull();
    const { stream, got } = await open(p, "auto");
    // No language named: Gladia detects it, and again on each utterance.
    expect((standIn.initRequests.at(-1)!.body as { language_config: unknown }).language_config).toEqual({
      code_switching: true,
    });
    await feed((c) => stream.write(c), audio);
    await stream.close();
    expect(got.errors).toEqual([]);
    expect(finals(got).map((t) => [t.text, t.language])).toEqual(SENTENCES.map((s) => [s, "en"]));
    await p.shutdown();
  });

  it("says which languages it cannot do", async () => {
    const p = provider();
    expect(p.unsupportedReason("en")).toBeNull();
    expect(p.unsupportedReason("ru-RU")).toBeNull();
    expect(p.unsupportedReason("tlh")).toBe('the captions provider does not transcribe "tlh"');
    await expect(open(p, "tlh")).rejects.toBeInstanceOf(ServiceUnavailableError);
  });
});
