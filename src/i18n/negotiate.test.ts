import { describe, expect, it } from "vitest";
import { negotiateLocale, rankLanguages } from "./negotiate";

describe("negotiateLocale", () => {
  it("defaults to English with nothing to go on", () => {
    expect(negotiateLocale({})).toBe("en");
    expect(negotiateLocale({ cookie: null, acceptLanguage: "" })).toBe("en");
  });

  it("lets a valid cookie override Accept-Language", () => {
    expect(negotiateLocale({ cookie: "en", acceptLanguage: "ru-RU,ru;q=0.9" })).toBe("en");
    expect(negotiateLocale({ cookie: "ru", acceptLanguage: "en-US,en;q=0.9" })).toBe("ru");
  });

  it("ignores an unsupported cookie value and falls back to the header", () => {
    expect(negotiateLocale({ cookie: "de", acceptLanguage: "ru" })).toBe("ru");
    expect(negotiateLocale({ cookie: "RU", acceptLanguage: "" })).toBe("en");
  });

  it("maps regional tags to their language", () => {
    expect(negotiateLocale({ acceptLanguage: "ru-RU" })).toBe("ru");
    expect(negotiateLocale({ acceptLanguage: "en-GB" })).toBe("en");
  });

  it("honours q-values rather than header order", () => {
    expect(negotiateLocale({ acceptLanguage: "en;q=0.5, ru;q=0.8" })).toBe("ru");
    expect(negotiateLocale({ acceptLanguage: "ru;q=0.1, en-US;q=0.9" })).toBe("en");
    expect(negotiateLocale({ acceptLanguage: "de-DE, fr;q=0.9, ru;q=0.3, en;q=0.2" })).toBe("ru");
  });

  it("treats q=0 as not acceptable", () => {
    expect(negotiateLocale({ acceptLanguage: "ru;q=0, de" })).toBe("en");
  });

  it("falls back to English for unknown languages and garbage", () => {
    expect(negotiateLocale({ acceptLanguage: "de-DE,fr;q=0.9" })).toBe("en");
    expect(negotiateLocale({ acceptLanguage: "*" })).toBe("en");
    expect(negotiateLocale({ acceptLanguage: ";;,,q=abc" })).toBe("en");
  });
});

describe("rankLanguages", () => {
  it("keeps header order for equal weights and drops q=0 and wildcards", () => {
    expect(rankLanguages("ru-RU, en;q=0.7, uk, *;q=0.1, de;q=0")).toEqual(["ru-ru", "uk", "en"]);
  });
});
