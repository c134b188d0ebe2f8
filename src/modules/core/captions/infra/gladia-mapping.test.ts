import { describe, expect, it } from "vitest";
import {
  GLADIA_VOCABULARY,
  describeInitError,
  endedError,
  gladiaVocabulary,
  toProviderTranscript,
  toProviderTranslation,
} from "./gladia-mapping";

/** Shaped like the SDK's HttpError, which it does not export. */
function httpError(status: number, responseBody: unknown = { message: "nope" }) {
  return Object.assign(new Error(`nope | ${status} | POST /v2/live`), {
    name: "HttpError",
    status,
    responseBody,
  });
}

describe("Gladia translation mapping", () => {
  const utterance = (text: string, language: string) =>
    ({ start: 1, end: 2, confidence: 0.9, channel: 0, words: [], text, language }) as never;
  const data = (target: string, text: string) => ({
    utterance_id: "00-7",
    utterance: utterance(" Good morning", "en"),
    original_language: "en" as never,
    target_language: target as never,
    translated_utterance: utterance(text, target),
  });

  it("maps utterance_id, target_language and the translated text", () => {
    expect(toProviderTranslation(data("ru", " Доброе утро "), ["ru", "de"])).toEqual({
      id: "00-7",
      language: "ru",
      text: "Доброе утро",
    });
  });

  it("drops a language nobody asked for and an empty translation", () => {
    expect(toProviderTranslation(data("fr", "Bonjour"), ["ru", "de"])).toBeNull();
    expect(toProviderTranslation(data("de", "  "), ["ru", "de"])).toBeNull();
  });
});

describe("Gladia transcript mapping", () => {
  it("maps data.id, is_final and the utterance to a provider transcript", () => {
    const t = toProviderTranscript({
      id: "00-123",
      is_final: true,
      utterance: {
        start: 1.2344,
        end: 2.5,
        confidence: 0.87,
        channel: 0,
        words: [],
        text: " Hello there ",
        language: "en",
      },
    });
    expect(t).toEqual({
      id: "00-123",
      text: "Hello there",
      isFinal: true,
      startMs: 1234,
      endMs: 2500,
      language: "en",
      confidence: 0.87,
    });
  });

  it("keeps odd values out: missing times and confidences become null, confidence is clamped", () => {
    const t = toProviderTranscript({
      id: "x",
      is_final: false,
      utterance: { start: Number.NaN, end: -1, confidence: 1.7, channel: 0, words: [], text: "hi" } as never,
    });
    expect(t).toMatchObject({ isFinal: false, startMs: null, endMs: null, language: null, confidence: 1 });
  });
});

describe("Gladia failures in words", () => {
  it.each([
    [401, "the captions provider rejected the API key", false],
    [403, "the captions provider rejected the API key", false],
    [400, "the captions provider rejected the session settings", false],
    [422, "the captions provider rejected the session settings", false],
    [429, "the captions provider's limit of concurrent sessions is reached", true],
    [500, "the captions provider is unavailable", true],
    [503, "the captions provider is unavailable", true],
  ])("HTTP %i at start: %s (retryable %s)", (status, reason, retryable) => {
    expect(describeInitError(httpError(status))).toMatchObject({ reason, retryable, status });
  });

  it("finds the HTTP status inside the SDK's retry wrapper", () => {
    const wrapped = new Error("HTTP request failed after 2 attempts", {
      cause: new AggregateError([httpError(502), httpError(503)], "All retry attempts failed"),
    });
    expect(describeInitError(wrapped)).toMatchObject({ status: 503, retryable: true });
  });

  it("timeouts and unreachable hosts are retryable, and say which", () => {
    const timeout = Object.assign(new Error("Request timed out after 300ms"), { name: "TimeoutError" });
    expect(describeInitError(timeout)).toMatchObject({
      reason: "the captions provider did not answer in time",
      retryable: true,
    });
    expect(describeInitError(new TypeError("fetch failed"))).toMatchObject({
      reason: "the captions provider cannot be reached",
      retryable: true,
    });
  });

  it("internal details keep the provider's answer for the logs", () => {
    const d = describeInitError(httpError(400, { validation_errors: ["sample_rate must be one of …"] }));
    expect(d.internal).toContain("sample_rate must be one of");
  });

  it("classifies how a session ended mid-stream", () => {
    expect(endedError(1000, "done", null)).toMatchObject({ code: "stt_ended", retryable: true });
    expect(endedError(4429, "Too many", null)).toMatchObject({ code: "stt_refused", retryable: false });
    expect(endedError(1006, "", new Error("socket hang up"))).toMatchObject({
      code: "stt_disconnected",
      retryable: true,
    });
    expect(endedError(3008, "WebSocket connection timeout", null)).toMatchObject({ retryable: true });
  });
});

describe("Gladia custom vocabulary", () => {
  it("takes entries from the front: none longer than 5 words, at most 100, at most 10,000 characters", () => {
    expect(gladiaVocabulary(["Zelda Quarrington", " ", "one two three four five six", "Kubernetes"])).toEqual(
      ["Zelda Quarrington", "Kubernetes"],
    );
    const many = Array.from({ length: 150 }, (_, i) => `Term${i}`);
    expect(gladiaVocabulary(many)).toEqual(many.slice(0, GLADIA_VOCABULARY.entries));
    const long = Array.from({ length: 100 }, (_, i) => `${"x".repeat(57)}${String(i).padStart(3, "0")}`);
    const kept = gladiaVocabulary(long);
    expect(kept.join("").length).toBeLessThanOrEqual(GLADIA_VOCABULARY.chars);
    expect(kept).toEqual(long.slice(0, GLADIA_VOCABULARY.chars / 60));
    expect(gladiaVocabulary([])).toEqual([]);
  });
});
