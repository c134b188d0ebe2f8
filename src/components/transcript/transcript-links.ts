/** Where a transcript link points: a page, a segment, a moment, a search, and the language read in. */
export type TranscriptPlace = {
  page?: number;
  segment?: string;
  t?: string;
  q?: string;
  lang?: string | null;
};

/**
 * `/s/<slug>/transcript?…`: every link on the page goes through here so that the language read in
 * (`lang`) and the search (`q`) survive paging, segment links and the search itself.
 */
export function transcriptHref(slug: string, place: TranscriptPlace): string {
  const params = new URLSearchParams();
  if (place.page !== undefined) params.set("page", String(place.page));
  if (place.segment) params.set("segment", place.segment);
  if (place.t) params.set("t", place.t);
  if (place.q) params.set("q", place.q);
  if (place.lang) params.set("lang", place.lang);
  const search = params.toString();
  return `/s/${slug}/transcript${search ? `?${search}` : ""}`;
}

/** A download of the whole transcript, in the language read in. */
export function exportHref(slug: string, format: string, lang: string | null): string {
  const params = new URLSearchParams({ format });
  if (lang) params.set("lang", lang);
  return `/api/sessions/${slug}/transcript/export?${params}`;
}

/** "ru" in the reader's language ("Russian", "русский"); the code itself where names are unknown. */
export function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}
