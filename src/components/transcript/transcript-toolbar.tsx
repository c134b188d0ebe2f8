import Link from "next/link";
import { buttonClass, inputClass, labelClass } from "@/components/ui";
import type { Messages } from "@/i18n/messages/en";
import { format } from "@/i18n/format";
import { EXPORT_FORMATS } from "@/modules/core/transcripts/domain/transcript-export";
import { exportHref, languageName, transcriptHref, type TranscriptPlace } from "./transcript-links";

type T = Messages["transcript"];

/** "русский" as a choice beside "Оригинал" (Russian names languages in lower case). */
const capitalized = (name: string, locale: string) =>
  name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);

/**
 * Search, jump to a moment, the language to read in and the downloads: plain links and GET forms,
 * so the page works rendered on the server alone. The language read in rides along on each.
 */
export function TranscriptToolbar(props: {
  slug: string;
  locale: string;
  /** Where the reader is now: kept when they switch language. */
  here: TranscriptPlace;
  query: string;
  moment: { typed: string | undefined; invalid: boolean };
  languages: string[];
  language: string | null;
  t: T;
}) {
  const { slug, t, language: lang } = props;
  const languageHint = lang
    ? format(t.searchHintTranslated, { language: languageName(lang, props.locale) })
    : null;
  return (
    <div className="flex flex-wrap items-end gap-x-6 gap-y-4">
      <form method="get" role="search" className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="transcript-q" className={labelClass}>
            {t.searchLabel}
          </label>
          <input
            id="transcript-q"
            name="q"
            type="search"
            defaultValue={props.query}
            placeholder={t.searchPlaceholder}
            aria-describedby={languageHint ? "transcript-q-hint" : undefined}
            className={inputClass}
          />
        </div>
        {lang && <input type="hidden" name="lang" value={lang} />}
        <button type="submit" className={buttonClass("secondary")}>
          {t.search}
        </button>
        {props.query && (
          <Link href={transcriptHref(slug, { lang })} className={buttonClass("ghost")}>
            {t.clearSearch}
          </Link>
        )}
        {languageHint && (
          <p id="transcript-q-hint" className="basis-full text-xs text-zinc-500">
            {languageHint}
          </p>
        )}
      </form>
      <form method="get" className="flex items-end gap-2">
        <div>
          <label htmlFor="transcript-t" className={labelClass}>
            {t.jumpLabel}
          </label>
          <input
            id="transcript-t"
            name="t"
            defaultValue={props.moment.typed ?? ""}
            placeholder={t.jumpPlaceholder}
            pattern="\s*\d{1,6}(:\d{1,2}){0,2}\s*"
            title={t.jumpInvalid}
            aria-invalid={props.moment.invalid ? true : undefined}
            className={`${inputClass} w-28`}
          />
        </div>
        {lang && <input type="hidden" name="lang" value={lang} />}
        <button type="submit" className={buttonClass("secondary")}>
          {t.jump}
        </button>
      </form>
      {props.languages.length > 0 && (
        <div>
          <p id="transcript-languages" className={labelClass}>
            {t.languageLabel}
          </p>
          <ul aria-labelledby="transcript-languages" className="mt-1 flex flex-wrap gap-1">
            {[null, ...props.languages].map((code) => (
              <li key={code ?? ""}>
                <Link
                  href={transcriptHref(slug, { ...props.here, lang: code })}
                  hrefLang={code ?? undefined}
                  aria-current={code === lang ? "page" : undefined}
                  className={buttonClass(code === lang ? "secondary" : "ghost")}
                >
                  {code ? capitalized(languageName(code, props.locale), props.locale) : t.original}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div>
        <p className={labelClass}>{t.download}</p>
        <div className="mt-1 flex flex-wrap gap-1">
          {EXPORT_FORMATS.map((f) => (
            <a key={f} href={exportHref(slug, f, lang)} download className={buttonClass("ghost")}>
              {t.formats[f]}
            </a>
          ))}
        </div>
      </div>
    </div>
  );
}
