"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { Locale } from "@/i18n/config";
import { dateTimeFormatter, format } from "@/i18n/format";
import type { ErrorMessages, Messages } from "@/i18n/messages/en";
import { transcriptsApi } from "@/modules/core/transcripts/api/contract";
import { callApi } from "../use-api";
import { transcriptHref } from "./transcript-links";

type T = Messages["transcript"];

/**
 * Copies the shareable link to one segment (`/s/<slug>/transcript?segment=<id>`, with the language
 * read in) for every
 * `[data-segment-link]` button on the page: one listener and one status line instead of a client
 * component per segment, which kept each page's payload twice as large.
 */
export function SegmentLinkCopier({
  slug,
  lang,
  t,
}: {
  slug: string;
  lang: string | null;
  t: Pick<T, "copied" | "copyFailed">;
}) {
  const [state, setState] = useState<{ kind: "idle" | "copied" | "failed"; url: string }>({
    kind: "idle",
    url: "",
  });

  useEffect(() => {
    let timer: number | undefined;
    const onClick = async (event: MouseEvent) => {
      const button = (event.target as Element | null)?.closest<HTMLElement>("[data-segment-link]");
      const id = button?.dataset.segmentLink;
      if (!id) return;
      const url = new URL(transcriptHref(slug, { segment: id, lang }), window.location.origin).toString();
      try {
        await navigator.clipboard.writeText(url);
        setState({ kind: "copied", url });
      } catch {
        // Clipboard access needs a secure context and permission; show the link to copy by hand.
        setState({ kind: "failed", url });
      }
      window.clearTimeout(timer);
      timer = window.setTimeout(() => setState({ kind: "idle", url: "" }), 6000);
    };
    document.addEventListener("click", onClick);
    return () => {
      document.removeEventListener("click", onClick);
      window.clearTimeout(timer);
    };
  }, [slug, lang]);

  return (
    <p
      role="status"
      className={
        state.kind === "idle"
          ? "sr-only"
          : "fixed bottom-4 left-1/2 z-20 w-max max-w-md -translate-x-1/2 break-all rounded-md bg-zinc-900 px-3 py-2 text-sm text-white shadow"
      }
    >
      {state.kind === "copied"
        ? t.copied
        : state.kind === "failed"
          ? format(t.copyFailed, { url: state.url })
          : ""}
    </p>
  );
}

// What says the reader has taken over: from then on the page is theirs to scroll.
const READER_INPUT = ["wheel", "touchstart", "keydown", "mousedown"] as const;
/** How long layout may keep moving after the first paint before we stop following it. */
const SETTLE_MS = 10_000;

/**
 * Brings the linked segment (a shared link, a jump to a moment, a search's first match) into
 * view, and keeps it there while the layout settles: web fonts, the analysis card and the
 * recording player arrive after the first paint and push the line away. It stops once the reader
 * scrolls, types or clicks, or after SETTLE_MS.
 */
export function ScrollToSegment({ id }: { id: string }) {
  useEffect(() => {
    const line = document.getElementById(`segment-${id}`);
    if (!line) return;
    let following = true;
    const bring = () => {
      if (following) line.scrollIntoView({ block: "center" });
    };
    const observer = new ResizeObserver(bring);
    const stop = () => {
      following = false;
      observer.disconnect();
      for (const type of READER_INPUT) window.removeEventListener(type, stop);
    };
    bring();
    observer.observe(document.body);
    void document.fonts?.ready.then(bring);
    for (const type of READER_INPUT) window.addEventListener(type, stop, { passive: true });
    const timer = window.setTimeout(stop, SETTLE_MS);
    return () => {
      stop();
      window.clearTimeout(timer);
    };
  }, [id]);
  return null;
}

/**
 * Dates and times in the reader's time zone: the server renders every `time[data-local]` in UTC
 * (naming the zone), since only the browser knows where the reader is; this rewrites them, and
 * the `title` of each `[data-at]` (a line's wall-clock time), once the page has loaded.
 */
export function LocalTimes({
  locale,
  at,
}: {
  locale: Locale;
  /** Where the reader is: a new page or search rewrites again. */ at: string;
}) {
  useEffect(() => {
    const clock = dateTimeFormatter(locale);
    for (const el of document.querySelectorAll<HTMLTimeElement>("time[data-local]")) {
      const template = el.dataset.local ?? "{date}";
      el.textContent = format(template, { date: clock.format(new Date(el.dateTime)) });
    }
    for (const el of document.querySelectorAll<HTMLElement>("[data-at]")) {
      el.title = clock.format(new Date(Number(el.dataset.at)));
    }
  }, [locale, at]);
  return null;
}

/** The host's switch: share the transcript with every member of the space, or stop sharing. */
export function SharingSwitch({
  slug,
  shared,
  t,
  errors,
}: {
  slug: string;
  shared: boolean;
  t: T;
  errors: ErrorMessages;
}) {
  const router = useRouter();
  const [on, setOn] = useState(shared);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function toggle(next: boolean) {
    setPending(true);
    setError(null);
    const result = await callApi(
      transcriptsApi.transcriptSharing,
      { params: { slug }, json: { shared: next } },
      errors,
    );
    setPending(false);
    if (result.ok) {
      setOn(result.data.shared);
      router.refresh();
    } else {
      setError(`${t.shareFailed} ${result.message}`);
    }
  }

  return (
    <div className="flex items-start gap-3">
      <input
        id="transcript-sharing"
        type="checkbox"
        role="switch"
        checked={on}
        disabled={pending}
        onChange={(e) => void toggle(e.target.checked)}
        aria-describedby="transcript-sharing-hint"
        className="mt-1 size-4 rounded border-zinc-300 text-indigo-600"
      />
      <div>
        <label htmlFor="transcript-sharing" className="text-sm font-medium text-zinc-800">
          {t.shareLabel}
        </label>
        <p id="transcript-sharing-hint" className="text-xs text-zinc-500">
          {t.shareHint}
        </p>
        {error && (
          <p role="alert" className="mt-1 text-xs text-red-700">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
