import { describe, expect, it } from "vitest";
import type { SttProvider } from "@/modules/core/captions/application/stt-provider";
import { translationOffer } from "./translation";

const provider = (translation: SttProvider["translation"]) => ({ translation }) as SttProvider;

describe("translation offer (ready message)", () => {
  it("offers the configured languages except the session's own", () => {
    expect(translationOffer(provider({ languages: ["ru", "de", "en"] }), "en-US")).toEqual({
      languages: ["ru", "de"],
    });
    expect(translationOffer(provider({ languages: ["ru", "de"] }), "ru")).toEqual({ languages: ["de"] });
  });

  it("says why there is none: an offline recognizer, or nothing configured", () => {
    expect(translationOffer(provider(null), "en")).toEqual({
      languages: [],
      reason: "provider_cannot_translate",
    });
    expect(translationOffer(provider({ languages: [] }), "en")).toEqual({
      languages: [],
      reason: "not_configured",
    });
    expect(translationOffer(provider({ languages: ["en"] }), "en")).toEqual({
      languages: [],
      reason: "not_configured",
    });
  });
});
