import type { SttProvider } from "@/modules/core/captions/application/stt-provider";
import type { TranslationOffer } from "@/modules/core/captions/domain/protocol";

const primary = (language: string) => language.trim().toLowerCase().split(/[-_]/)[0] ?? "";

/**
 * The languages a session's finals are translated into: the deployment's target languages the
 * provider offers, minus the session's own language ("Original" already shows it); or, when there
 * are none, why.
 */
export function translationOffer(provider: SttProvider, sessionLanguage: string): TranslationOffer {
  if (!provider.translation) return { languages: [], reason: "provider_cannot_translate" };
  const own = primary(sessionLanguage);
  const languages = provider.translation.languages.filter((l) => l !== own);
  return languages.length ? { languages } : { languages: [], reason: "not_configured" };
}
