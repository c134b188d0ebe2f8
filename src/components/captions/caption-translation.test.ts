import { describe, expect, it } from "vitest";
import type { CaptionLine } from "./caption-feed";
import {
  inLanguage,
  mergeTranslations,
  offeredLanguages,
  shownLanguage,
  translationsFromStored,
  translationsFromStreams,
  withTranslation,
  type Translations,
} from "./caption-translation";
import { lineKey, type LiveText } from "./live-text";

const line = (id: string, text: string, final = true): CaptionLine => ({
  key: lineKey("user-a", id),
  id,
  speakerIdentity: "user-a",
  speakerName: "Ann",
  text,
  final,
  at: 1,
  updatedAt: 1,
  local: false,
});

const stream = (segmentId: string, language: string, text: string, identity = "user-a"): LiveText => ({
  key: JSON.stringify([identity, segmentId, language]),
  sender: { identity, name: identity },
  segmentId,
  language,
  text,
  final: true,
  receivedAt: 1,
});
const a = (id: string) => lineKey("user-a", id);

describe("translated captions on the client", () => {
  it("collects translations from the room's streams, the stored transcript and the own socket", () => {
    const streams = translationsFromStreams([
      stream("u1", "ru", "привет"),
      stream("u1", "de", "hallo"),
      // An empty one says nothing.
      stream("u3", "ru", "  "),
    ]);
    expect(streams).toEqual({ [a("u1")]: { ru: "привет", de: "hallo" } });
    const stored = translationsFromStored([
      { utteranceId: "u0", speakerIdentity: "user-a", translations: { ru: "раньше" } },
      { utteranceId: "u1", speakerIdentity: "user-a", translations: { ru: "старое" } },
      { utteranceId: "u9", speakerIdentity: "user-a" },
    ]);
    const own = withTranslation({}, "user-a", { utteranceId: "u5", language: "ru", text: "моё" });
    // Later sources win for the same line and language; other languages are kept.
    expect(mergeTranslations(stored, streams, own)).toEqual({
      [a("u0")]: { ru: "раньше" },
      [a("u1")]: { ru: "привет", de: "hallo" },
      [a("u5")]: { ru: "моё" },
    });
  });

  it("lets a translation stream translate only its own sender's line", () => {
    const lines = [line("u1", "the budget is approved")];
    const forged = translationsFromStreams([stream("u1", "ru", "бюджет отменён", "guest-x")]);
    expect(inLanguage(lines, forged, "ru").map((l) => [l.text, l.untranslated])).toEqual([
      ["the budget is approved", true],
    ]);
  });

  it("shows the chosen language where a translation exists and marks the rest as original", () => {
    const lines = [line("u1", "hello"), line("u2", "good bye"), line("u3", "how are", false)];
    const translations: Translations = {
      [a("u1")]: { ru: "привет", de: "hallo" },
      [a("u2")]: { de: "tschüss" },
    };
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
});
