import { describe, expect, it } from "vitest";
import type { CaptionLine, StreamedTranscript } from "./caption-feed";
import {
  inLanguage,
  mergeTranslations,
  offeredLanguages,
  readCaptionLanguage,
  shownLanguage,
  storeCaptionLanguage,
  TRANSLATION_ATTR,
  translationsFromStored,
  translationsFromStreams,
  withTranslation,
} from "./caption-translation";

const line = (id: string, text: string, final = true): CaptionLine => ({
  id,
  speakerIdentity: "user-a",
  speakerName: "Ann",
  text,
  final,
  at: 1,
  updatedAt: 1,
  local: false,
});

const stream = (id: string | undefined, language: string | undefined, text: string): StreamedTranscript => ({
  text,
  participantInfo: { identity: "user-a" },
  streamInfo: {
    id: `s-${Math.random()}`,
    timestamp: 1,
    attributes: {
      ...(id ? { [TRANSLATION_ATTR.segmentId]: id } : {}),
      ...(language ? { [TRANSLATION_ATTR.language]: language } : {}),
    },
  },
});

describe("translated captions on the client", () => {
  it("collects translations from the room's streams, the stored transcript and the own socket", () => {
    const streams = translationsFromStreams([
      stream("u1", "ru", "привет"),
      stream("u1", "de", "hallo"),
      // Without the segment id or language it cannot be placed; an empty one says nothing.
      stream(undefined, "ru", "x"),
      stream("u2", undefined, "x"),
      stream("u3", "ru", "  "),
    ]);
    expect(streams).toEqual({ u1: { ru: "привет", de: "hallo" } });
    const stored = translationsFromStored([
      { utteranceId: "u0", translations: { ru: "раньше" } },
      { utteranceId: "u1", translations: { ru: "старое" } },
      { utteranceId: "u9" },
    ]);
    const own = withTranslation({}, { utteranceId: "u5", language: "ru", text: "моё" });
    // Later sources win for the same line and language; other languages are kept.
    expect(mergeTranslations(stored, streams, own)).toEqual({
      u0: { ru: "раньше" },
      u1: { ru: "привет", de: "hallo" },
      u5: { ru: "моё" },
    });
  });

  it("shows the chosen language where a translation exists and marks the rest as original", () => {
    const lines = [line("u1", "hello"), line("u2", "good bye"), line("u3", "how are", false)];
    const translations = { u1: { ru: "привет", de: "hallo" }, u2: { de: "tschüss" } };
    expect(inLanguage(lines, translations, "ru").map((l) => [l.text, l.untranslated])).toEqual([
      ["привет", false],
      ["good bye", true],
      ["how are", true],
    ]);
    expect(inLanguage(lines, translations, "de").map((l) => l.text)).toEqual(["hallo", "tschüss", "how are"]);
    // Original: the lines as they are, nothing marked.
    expect(inLanguage(lines, translations, null)).toBe(lines);
  });

  it("offers the server's languages first, then any a translation arrived in", () => {
    expect(offeredLanguages({ languages: ["ru", "de"] }, { u1: { fr: "x", ru: "y" } })).toEqual([
      "ru",
      "de",
      "fr",
    ]);
    expect(offeredLanguages({ languages: [], reason: "provider_cannot_translate" }, {})).toEqual([]);
    expect(offeredLanguages(null, {})).toEqual([]);
  });

  it("applies a remembered choice only while it is offered", () => {
    expect(shownLanguage("ru", ["ru", "de"])).toBe("ru");
    expect(shownLanguage("fr", ["ru", "de"])).toBeNull();
    expect(shownLanguage(null, ["ru"])).toBeNull();
  });

  it("remembers the choice per identity, and survives blocked storage", () => {
    const map = new Map<string, string>();
    const storage = {
      getItem: (k: string) => map.get(k) ?? null,
      setItem: (k: string, v: string) => void map.set(k, v),
      removeItem: (k: string) => void map.delete(k),
    };
    storeCaptionLanguage("user-a", "ru", storage);
    storeCaptionLanguage("user-b", "de", storage);
    expect(readCaptionLanguage("user-a", storage)).toBe("ru");
    expect(readCaptionLanguage("user-b", storage)).toBe("de");
    storeCaptionLanguage("user-a", null, storage);
    expect(readCaptionLanguage("user-a", storage)).toBeNull();
    // No identity yet (the room is still connecting): nothing stored under an empty key.
    storeCaptionLanguage("", "fr", storage);
    expect([...map.keys()]).toEqual(["rooms:caption-language:user-b"]);
    const blocked = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("SecurityError");
      },
      removeItem: () => {},
    };
    expect(readCaptionLanguage("user-a", blocked)).toBeNull();
    expect(() => storeCaptionLanguage("user-a", "ru", blocked)).not.toThrow();
  });
});
