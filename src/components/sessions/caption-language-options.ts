import {
  defaultCaptionLanguage,
  type CaptionLanguages,
} from "@/modules/core/captions/domain/caption-languages";

export type CaptionLanguageChoice = {
  /** Each language the recognizer can do, named in the UI language, in that language's order. */
  options: { code: string; name: string }[];
  /** Offer AUTO_LANGUAGE (detect per utterance) first. */
  autoDetect: boolean;
  defaultLanguage: string;
  /** The UI language, named, when the recognizer cannot do it: the form says why it is not offered. */
  uiLanguageMissing: string | null;
};

/**
 * What the session form offers: named on the server, so the browser renders the same names (its
 * Intl data may differ from Node's) and gets no hundred-name dictionary.
 */
export function captionLanguageChoice(caps: CaptionLanguages, locale: string): CaptionLanguageChoice {
  const name = (code: string) => {
    let named = code;
    try {
      named = new Intl.DisplayNames([locale], { type: "language" }).of(code) ?? code;
    } catch {
      // An unknown code keeps its own name.
    }
    return named.charAt(0).toLocaleUpperCase(locale) + named.slice(1);
  };
  const options = caps.languages
    .map((code) => ({ code, name: name(code) }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
  return {
    options,
    autoDetect: caps.autoDetect,
    defaultLanguage: defaultCaptionLanguage(caps, locale),
    uiLanguageMissing: caps.languages.length > 0 && !caps.languages.includes(locale) ? name(locale) : null,
  };
}
