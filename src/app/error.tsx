"use client";

import { ErrorView, useDocumentLocale } from "@/components/errors/error-view";

/** A page below the root layout failed: the header stays, this replaces the page. */
export default function Error({ error, retry }: { error: unknown; retry: () => void }) {
  const locale = useDocumentLocale();
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  return <ErrorView locale={locale} digest={digest} onRetry={retry} />;
}
