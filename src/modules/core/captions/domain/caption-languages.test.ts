import { describe, expect, it } from "vitest";
import {
  AUTO_LANGUAGE,
  captionAvailability,
  captionLanguages,
  defaultCaptionLanguage,
  GLADIA_LANGUAGE_CODES,
  servedCaptionLanguages,
  supportsCaptionLanguage,
  WHISPER_LANGUAGE_CODES,
  type CaptionConfig,
} from "./caption-languages";

const config = (c: Partial<CaptionConfig>): CaptionConfig => ({
  provider: "auto",
  gladiaKey: false,
  localModels: ["tiny.en"],
  ...c,
});

describe("caption languages per recognizer configuration", () => {
  it("Gladia: its 99 documented languages, English first, and auto-detect", () => {
    for (const c of [config({ gladiaKey: true }), config({ provider: "gladia", gladiaKey: true })]) {
      const caps = captionLanguages(c);
      expect(caps.engine).toBe("gladia");
      expect(caps.languages).toHaveLength(99);
      expect(caps.languages[0]).toBe("en");
      expect(new Set(caps.languages)).toEqual(new Set(GLADIA_LANGUAGE_CODES));
      expect(caps.languages).toEqual(expect.arrayContaining(["ru", "de", "uk", "haw", "zh"]));
      expect(caps.autoDetect).toBe(true);
    }
  });

  it("the default local model (Whisper tiny.en): English only, no auto-detect", () => {
    for (const c of [config({}), config({ provider: "whisper" })]) {
      expect(captionLanguages(c)).toEqual({ engine: "whisper", languages: ["en"], autoDetect: false });
    }
  });

  it("the multilingual Whisper model installed: its 99 languages (Russian too) and auto-detect", () => {
    for (const localModels of [["tiny.en", "base"], ["base"]] as const) {
      const caps = captionLanguages(config({ localModels }));
      expect(caps.languages).toHaveLength(99);
      expect(new Set(caps.languages)).toEqual(new Set(WHISPER_LANGUAGE_CODES));
      expect(caps.languages).toContain("ru");
      expect(caps.autoDetect).toBe(true);
    }
  });

  it("a Gladia key wins over local models under auto, as in the ws process", () => {
    expect(captionLanguages(config({ gladiaKey: true, localModels: ["tiny.en"] })).engine).toBe("gladia");
  });

  it("PocketSphinx: English only, whatever models are listed", () => {
    expect(captionLanguages(config({ provider: "pocketsphinx", localModels: ["base"] }))).toEqual({
      engine: "pocketsphinx",
      languages: ["en"],
      autoDetect: false,
    });
  });

  it("no recognizer: nothing", () => {
    expect(captionLanguages(config({ provider: "none", gladiaKey: true }))).toEqual({
      engine: "none",
      languages: [],
      autoDetect: false,
    });
  });

  it("the null provider takes anything", () => {
    const caps = captionLanguages(config({ provider: "null" }));
    expect(caps.languages).toContain("ru");
    expect(caps.autoDetect).toBe(true);
  });
});

describe("checking and defaulting a session's language", () => {
  const english = captionLanguages(config({}));
  const multilingual = captionLanguages(config({ localModels: ["tiny.en", "base"] }));

  it("supports exactly the listed codes, and auto only where the recognizer detects languages", () => {
    expect(supportsCaptionLanguage(english, "en")).toBe(true);
    expect(supportsCaptionLanguage(english, "ru")).toBe(false);
    expect(supportsCaptionLanguage(english, AUTO_LANGUAGE)).toBe(false);
    expect(supportsCaptionLanguage(multilingual, "ru")).toBe(true);
    expect(supportsCaptionLanguage(multilingual, AUTO_LANGUAGE)).toBe(true);
    expect(supportsCaptionLanguage(multilingual, "tlh")).toBe(false);
  });

  it("defaults to the UI language when supported, else English, else the first offered", () => {
    expect(defaultCaptionLanguage(english, "ru")).toBe("en");
    expect(defaultCaptionLanguage(multilingual, "ru")).toBe("ru");
    expect(defaultCaptionLanguage(multilingual, "en")).toBe("en");
    expect(defaultCaptionLanguage({ engine: "null", languages: ["de", "fr"], autoDetect: false }, "ru")).toBe(
      "de",
    );
    expect(defaultCaptionLanguage(captionLanguages(config({ provider: "none" })), "ru")).toBe("en");
  });
});

describe("whether a session gets captions here", () => {
  const english = captionLanguages(config({}));
  const none = captionLanguages(config({ provider: "none" }));
  const session = (transcriptionEnabled: boolean, transcriptionLanguage: string) => ({
    transcriptionEnabled,
    transcriptionLanguage,
  });

  it("off comes first, then no recognizer, then a language the recognizer cannot do", () => {
    expect(captionAvailability(none, session(false, "ru"))).toBe("off");
    expect(captionAvailability(none, session(true, "en"))).toBe("no_recognizer");
    expect(captionAvailability(english, session(true, "ru"))).toBe("language_unsupported");
    expect(captionAvailability(english, session(true, AUTO_LANGUAGE))).toBe("language_unsupported");
    expect(captionAvailability(english, session(true, "en"))).toBe("on");
  });
});

describe("what the running recognizers serve together", () => {
  const whisper = captionLanguages(config({ provider: "whisper", localModels: ["tiny.en", "base"] }));
  const gladia = captionLanguages(config({ provider: "gladia", gladiaKey: true }));
  const pocketsphinx = captionLanguages(config({ provider: "pocketsphinx" }));
  const none = captionLanguages(config({ provider: "none" }));

  it("none running: null, so the caller falls back on its env", () => {
    expect(servedCaptionLanguages([])).toBeNull();
  });

  it("one process: what it serves", () => {
    expect(servedCaptionLanguages([pocketsphinx])).toEqual(pocketsphinx);
    expect(servedCaptionLanguages([whisper])).toEqual(whisper);
  });

  it("several: only the languages every one transcribes, auto-detect only if all detect", () => {
    const both = servedCaptionLanguages([whisper, gladia])!;
    expect(both.languages).toContain("ru");
    expect(both.languages.every((l) => whisper.languages.includes(l) && gladia.languages.includes(l))).toBe(
      true,
    );
    expect(both.autoDetect).toBe(true);
    // A Whisper process that fell back to PocketSphinx narrows the fleet to English.
    expect(servedCaptionLanguages([whisper, pocketsphinx])).toMatchObject({
      languages: ["en"],
      autoDetect: false,
    });
  });

  it("one process without a recognizer: a session landing there gets none, so none is offered", () => {
    expect(servedCaptionLanguages([whisper, none])).toEqual({
      engine: "none",
      languages: [],
      autoDetect: false,
    });
  });
});
