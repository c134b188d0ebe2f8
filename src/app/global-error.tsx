"use client";

import { ErrorView, useDocumentLocale } from "@/components/errors/error-view";
import { DEFAULT_LOCALE } from "@/i18n/config";
import { ERROR_PAGE_TEXT } from "@/i18n/messages/error-page";
import "./globals.css";

/** The root layout itself failed: this replaces the whole document, so it brings its own html. */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const locale = useDocumentLocale();
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  return (
    <html lang={locale ?? undefined}>
      <body className="min-h-dvh">
        <title>{ERROR_PAGE_TEXT[locale ?? DEFAULT_LOCALE].title}</title>
        <main className="mx-auto w-full max-w-5xl px-4 py-8 sm:px-6 sm:py-10">
          <ErrorView locale={locale} digest={digest} onRetry={retry} />
        </main>
      </body>
    </html>
  );
}
