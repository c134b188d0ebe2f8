"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { format } from "@/i18n/format";
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

/** Brings the linked segment into view once the page has loaded. */
export function ScrollToSegment({ id }: { id: string }) {
  useEffect(() => {
    document.getElementById(`segment-${id}`)?.scrollIntoView({ block: "center" });
  }, [id]);
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
