import { DEFAULT_LOCALE, isLocale, type Locale } from "./config";

/**
 * The explicit choice (cookie) wins; otherwise the highest-weighted Accept-Language entry we
 * support. Pure so it can be unit-tested without a request.
 */
export function negotiateLocale(input: { cookie?: string | null; acceptLanguage?: string | null }): Locale {
  if (isLocale(input.cookie)) return input.cookie;
  for (const tag of rankLanguages(input.acceptLanguage ?? "")) {
    const primary = tag.split("-")[0]!;
    if (isLocale(primary)) return primary;
  }
  return DEFAULT_LOCALE;
}

/** Language tags by descending q; q=0 means "not acceptable" and is dropped. Ties keep header order. */
export function rankLanguages(header: string): string[] {
  return header
    .split(",")
    .map((part, index) => {
      const [rawTag = "", ...params] = part.trim().split(";");
      let q = 1;
      for (const p of params) {
        const [k, v] = p.trim().split("=");
        if (k?.trim().toLowerCase() === "q") {
          const n = Number(v?.trim());
          q = Number.isFinite(n) ? Math.min(Math.max(n, 0), 1) : 0;
        }
      }
      return { tag: rawTag.trim().toLowerCase(), q, index };
    })
    .filter((e) => e.tag !== "" && e.tag !== "*" && e.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((e) => e.tag);
}
