"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { format } from "@/i18n/format";
import type { ErrorMessages, Messages } from "@/i18n/messages/en";
import { callApi } from "../use-api";

type T = Messages["transcript"];

/** Copies the shareable link to one segment: `/s/<slug>/transcript?segment=<id>`. */
export function CopySegmentLink({
  slug,
  segmentId,
  time,
  t,
}: {
  slug: string;
  segmentId: string;
  time: string;
  t: T;
}) {
  const [state, setState] = useState<{ kind: "idle" | "copied" | "failed"; url: string }>({
    kind: "idle",
    url: "",
  });

  async function copy() {
    const url = new URL(`/s/${slug}/transcript?segment=${segmentId}`, window.location.origin).toString();
    try {
      await navigator.clipboard.writeText(url);
      setState({ kind: "copied", url });
    } catch {
      // Clipboard access needs a secure context and permission; show the link to copy by hand.
      setState({ kind: "failed", url });
    }
    window.setTimeout(() => setState({ kind: "idle", url: "" }), 6000);
  }

  return (
    <span className="relative inline-flex">
      <button
        type="button"
        onClick={copy}
        data-segment-link={segmentId}
        aria-label={format(t.copyLinkLabel, { time })}
        className="rounded px-1.5 text-xs text-zinc-400 opacity-0 group-hover:opacity-100 hover:text-indigo-700 focus:opacity-100"
      >
        {t.copyLink}
      </button>
      <span
        role="status"
        className={
          state.kind === "idle"
            ? "sr-only"
            : "absolute right-0 top-full z-10 mt-1 w-max max-w-xs break-all rounded-md bg-zinc-900 px-2 py-1 text-xs text-white shadow"
        }
      >
        {state.kind === "copied"
          ? t.copied
          : state.kind === "failed"
            ? format(t.copyFailed, { url: state.url })
            : ""}
      </span>
    </span>
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
    const result = await callApi<{ shared: boolean }>(
      `/api/sessions/${slug}/transcript/sharing`,
      { method: "PATCH", json: { shared: next } },
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
