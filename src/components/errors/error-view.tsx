"use client";

import { useSyncExternalStore } from "react";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/i18n/config";
import { format } from "@/i18n/format";
import { ERROR_PAGE_TEXT } from "@/i18n/messages/error-page";
import { negotiateLocale } from "@/i18n/negotiate";
import { buttonClass } from "../ui";

const noSubscribe = () => () => {};

/**
 * The page's language as the browser sees it: the root layout's `<html lang>` (the server's choice,
 * cookie included) when it rendered, else the browser's languages. The locale cookie is httpOnly,
 * and the server's dictionaries are out of reach once rendering has failed. Null on the server,
 * so a server-rendered global error page leaves `lang` unset for the browser to decide.
 */
export function useDocumentLocale(): Locale | null {
  return useSyncExternalStore(noSubscribe, documentLocale, () => null);
}

function documentLocale(): Locale {
  const lang = document.documentElement.lang;
  if (isLocale(lang)) return lang;
  return negotiateLocale({ acceptLanguage: navigator.languages.join(",") });
}

/** What a visitor sees when a page fails: a plain explanation, retry, a way home, the log reference. */
export function ErrorView({
  locale,
  digest,
  onRetry,
}: {
  locale: Locale | null;
  digest?: string;
  onRetry: () => void;
}) {
  const t = ERROR_PAGE_TEXT[locale ?? DEFAULT_LOCALE];
  return (
    <div role="alert" className="mx-auto max-w-md py-16 text-center">
      <p className="text-sm font-semibold text-red-600">500</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-zinc-900">{t.title}</h1>
      <p className="mt-3 text-zinc-600">{t.body}</p>
      <div className="mt-8 flex justify-center gap-3">
        <button type="button" onClick={onRetry} className={buttonClass("primary")}>
          {t.retry}
        </button>
        {/* A full page load, not <Link>: after a failure the client router may be the broken part. */}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
        <a href="/" className={buttonClass("secondary")}>
          {t.home}
        </a>
      </div>
      {digest && <p className="mt-6 text-xs text-zinc-500">{format(t.reference, { digest })}</p>}
    </div>
  );
}
