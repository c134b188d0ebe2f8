"use client";

import { useEffect, useState } from "react";
import type { Locale } from "@/i18n/config";
import { format } from "@/i18n/format";
import type { CallbarText } from "@/i18n/messages/callbar";

export type JoiningInfo = {
  slug: string;
  title: string;
  context: string;
  /** ISO time the call started; written in the copier's language and time zone. */
  startedAt: string | null;
  locale: Locale;
};

/** The session's link, with its title and space, as people paste it into a chat or an invite. */
export const joinUrl = (slug: string) => `${window.location.origin}/s/${slug}`;

/**
 * Copies the joining info; answers what to tell the person: "Copied", or the link itself when the
 * browser refused the clipboard (they can still select it).
 */
export async function copyJoiningInfo(info: JoiningInfo, t: CallbarText): Promise<string> {
  const url = joinUrl(info.slug);
  try {
    const started = info.startedAt
      ? format(t.joiningStarted, {
          time: new Intl.DateTimeFormat(info.locale, { dateStyle: "medium", timeStyle: "short" }).format(
            new Date(info.startedAt),
          ),
        })
      : "";
    await navigator.clipboard.writeText(
      format(t.joiningInfo, { title: info.title, context: info.context, started, url }),
    );
    return t.copied;
  } catch {
    return format(t.copyFailed, { url });
  }
}

/** "Copied" for a few seconds, then gone (announced once through the status region). */
export function useCopyStatus(): [string | null, (message: string) => void] {
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => {
    if (!status) return;
    const timer = window.setTimeout(() => setStatus(null), 4000);
    return () => window.clearTimeout(timer);
  }, [status]);
  return [status, setStatus];
}

/** The pre-join's button, with its confirmation beside it. */
export function CopyJoiningInfoButton({ info, t }: { info: JoiningInfo; t: CallbarText }) {
  const [status, setStatus] = useCopyStatus();
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        onClick={async () => setStatus(await copyJoiningInfo(info, t))}
        className="inline-flex min-h-9 items-center gap-2 rounded-md bg-white px-3 py-1.5 text-sm font-medium text-zinc-900 shadow-sm ring-1 ring-inset ring-zinc-300 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        <LinkIcon />
        {t.copyJoiningInfo}
      </button>
      <p role="status" className="text-sm text-emerald-700">
        {status}
      </p>
    </div>
  );
}

export function LinkIcon() {
  return (
    <svg
      aria-hidden
      width="16"
      height="16"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
    >
      <path d="M6.5 9.5a3 3 0 0 0 4.2 0l2.3-2.3a3 3 0 0 0-4.2-4.2l-.9.9" strokeLinecap="round" />
      <path d="M9.5 6.5a3 3 0 0 0-4.2 0L3 8.8a3 3 0 0 0 4.2 4.2l.9-.9" strokeLinecap="round" />
    </svg>
  );
}
