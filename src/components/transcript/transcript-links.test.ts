import { describe, expect, it } from "vitest";
import { chosenLanguage, transcriptLanguage } from "@/modules/core/transcripts/domain/transcript-language";
import { exportHref, languageName, transcriptHref } from "./transcript-links";

describe("transcript links", () => {
  it("keep the language read in and the search across pages and segments", () => {
    expect(transcriptHref("abc-defg-hij", { page: 2, q: "a & b", lang: "ru" })).toBe(
      "/s/abc-defg-hij/transcript?page=2&q=a+%26+b&lang=ru",
    );
    expect(transcriptHref("abc-defg-hij", { segment: "s1", lang: "pt-br" })).toBe(
      "/s/abc-defg-hij/transcript?segment=s1&lang=pt-br",
    );
    expect(transcriptHref("abc-defg-hij", { lang: null })).toBe("/s/abc-defg-hij/transcript");
    expect(exportHref("abc-defg-hij", "vtt", "ru")).toBe(
      "/api/sessions/abc-defg-hij/transcript/export?format=vtt&lang=ru",
    );
    expect(exportHref("abc-defg-hij", "md", null)).toBe(
      "/api/sessions/abc-defg-hij/transcript/export?format=md",
    );
  });

  it("name a language in the reader's language, or give the code", () => {
    expect(languageName("ru", "en")).toBe("Russian");
    expect(languageName("de", "ru")).toBe("немецкий");
    expect(languageName("not a code", "en")).toBe("not a code");
  });
});

describe("transcript language", () => {
  it("takes language codes, lower-cased, and refuses anything else", () => {
    expect(transcriptLanguage.parse(" RU ")).toBe("ru");
    expect(transcriptLanguage.parse("pt-BR")).toBe("pt-br");
    for (const bad of ["", "r", "russian", "ru_RU", "../x", `ru-${"a".repeat(40)}`]) {
      expect(transcriptLanguage.safeParse(bad).success).toBe(false);
    }
  });

  it("reads the original for a language the session has no translations in", () => {
    expect(chosenLanguage("ru", ["de", "ru"])).toBe("ru");
    expect(chosenLanguage("fr", ["de", "ru"])).toBeNull();
    expect(chosenLanguage(undefined, ["de"])).toBeNull();
  });
});
