import type { TranslationOffer } from "@/modules/core/captions/domain/protocol";
import type { CaptionLine } from "./caption-feed";
import { lineKey, type LiveText } from "./live-text";

/**
 * Translated captions on the client. The ws server sends each speaker's client the translations
 * of that speaker's finals; the speaker's client relays them into the room as LiveKit text streams
 * on their own topic (so `lk.transcription` readers never mistake a translation for the original),
 * one stream per final and language, with the final's segment id, the language and the mic track
 * as attributes; like caption lines they are keyed by speaker and segment (live-text.ts).
 * A late joiner gets the stored ones with the transcript. Each viewer picks the language they
 * read in; lines without a translation in it are shown in the original, marked.
 */
/** lineKey(speaker identity, utterance id) → language → text. */
export type Translations = Record<string, Record<string, string>>;

export function translationsFromStored(
  segments: { utteranceId: string; speakerIdentity: string | null; translations?: Record<string, string> }[],
): Translations {
  const out: Translations = {};
  for (const s of segments) {
    if (s.translations) out[lineKey(s.speakerIdentity ?? "", s.utteranceId)] = { ...s.translations };
  }
  return out;
}

/** Admitted live translation streams (live-text.ts): each can only translate its sender's lines. */
export function translationsFromStreams(streams: Iterable<LiveText>): Translations {
  const out: Translations = {};
  for (const s of streams) {
    if (s.language && s.text.trim())
      (out[lineKey(s.sender.identity, s.segmentId)] ??= {})[s.language] = s.text;
  }
  return out;
}

/** Later sources win for the same utterance and language. */
export function mergeTranslations(...sources: Translations[]): Translations {
  const out: Translations = {};
  for (const source of sources) {
    for (const [id, byLanguage] of Object.entries(source)) out[id] = { ...out[id], ...byLanguage };
  }
  return out;
}

/** `into` plus one translation of a line of `identity` (a new object: React state). */
export function withTranslation(
  into: Translations,
  identity: string,
  t: { utteranceId: string; language: string; text: string },
): Translations {
  const key = lineKey(identity, t.utteranceId);
  return { ...into, [key]: { ...into[key], [t.language]: t.text } };
}

/**
 * The lines as a viewer reading `language` sees them: translated where a translation exists,
 * otherwise the original marked `untranslated`. `null` (Original) leaves every line as it is.
 */
export function inLanguage(
  lines: CaptionLine[],
  translations: Translations,
  language: string | null,
): CaptionLine[] {
  if (!language) return lines;
  return lines.map((line) => {
    const text = translations[line.key]?.[language];
    return text ? { ...line, text, untranslated: false } : { ...line, untranslated: true };
  });
}

/**
 * The languages to offer: what the server said it translates this session into, plus any a
 * translation arrived in (another speaker's server may offer them), in a stable order.
 */
export function offeredLanguages(offer: TranslationOffer | null, translations: Translations): string[] {
  const seen = new Set(offer?.languages ?? []);
  for (const byLanguage of Object.values(translations)) for (const l of Object.keys(byLanguage)) seen.add(l);
  const first = offer?.languages ?? [];
  return [...first, ...[...seen].filter((l) => !first.includes(l)).sort()];
}

/** The language captions are shown in: the viewer's choice while it is offered, else the original. */
export function shownLanguage(choice: string | null, offered: string[]): string | null {
  return choice && offered.includes(choice) ? choice : null;
}
