"use client";

import Link from "next/link";
import { useState, useSyncExternalStore } from "react";
import { dateTimeFormatter, format, plural } from "@/i18n/format";
import type { Locale } from "@/i18n/config";
import type { Messages } from "@/i18n/messages/en";
import type { SessionStatus } from "@/modules/core/sessions/domain/video-session";
import { buttonClass } from "../ui";

export type SessionItem = {
  id: string;
  slug: string;
  title: string;
  status: SessionStatus;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  participantCount: number;
};

type Props = {
  sessions: SessionItem[];
  locale: Locale;
  t: Messages["sessions"];
  /** Sessions that have started can have a transcript; who may read it is checked on its page. */
  transcript: Pick<Messages["transcript"], "open" | "openLabel">;
  statusNames: Messages["space"]["status"];
  participants: Messages["space"]["participants"];
  labelledBy: string;
};

const STATUS_STYLE: Record<SessionStatus, string> = {
  CREATED: "bg-zinc-100 text-zinc-700 ring-zinc-200",
  LIVE: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  ENDED: "bg-zinc-50 text-zinc-500 ring-zinc-200",
};

const noSubscribe = () => () => {};

export function SessionList({
  sessions,
  locale,
  t,
  transcript,
  statusNames,
  participants,
  labelledBy,
}: Props) {
  // Times are shown in the viewer's zone, which only the browser knows: the server's HTML says UTC
  // and the first client render after hydration switches to local time, without a mismatch.
  const local = useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );
  const when = dateTimeFormatter(locale, local ? undefined : "UTC");
  const time = (iso: string) => (
    <time dateTime={iso} suppressHydrationWarning>
      {when.format(new Date(iso))}
    </time>
  );

  return (
    <ul aria-labelledby={labelledBy} className="mt-4 divide-y divide-zinc-100">
      {sessions.map((s) => {
        const [template, at] = s.endedAt
          ? [t.ended, s.endedAt]
          : s.startedAt
            ? [t.started, s.startedAt]
            : [t.created, s.createdAt];
        const [before, after] = template.split("{time}");
        return (
          // The title keeps at least 16rem; the buttons move under it rather than squeeze it to
          // "Pl…" (Russian labels are long), and a title longer than the row wraps.
          <li key={s.id} className="flex flex-wrap items-center gap-x-4 gap-y-3 py-3">
            <div className="min-w-0 flex-[1_1_16rem]">
              <div className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
                <Link
                  href={`/s/${s.slug}`}
                  className="min-w-0 break-words rounded text-sm font-medium text-zinc-900 hover:text-indigo-700"
                >
                  {s.title}
                </Link>
                <span
                  className={`inline-flex shrink-0 items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_STYLE[s.status]}`}
                >
                  {s.status === "LIVE" && (
                    <span aria-hidden className="size-1.5 rounded-full bg-emerald-500" />
                  )}
                  {statusNames[s.status]}
                </span>
              </div>
              <p className="mt-0.5 text-sm text-zinc-500">
                {before}
                {time(at)}
                {after} · {plural(locale, participants, s.participantCount)}
              </p>
            </div>
            <div className="flex flex-wrap items-center gap-2">
              <CopyLinkButton slug={s.slug} title={s.title} t={t} />
              {s.startedAt && (
                <Link
                  href={`/s/${s.slug}/transcript`}
                  aria-label={format(transcript.openLabel, { title: s.title })}
                  className={buttonClass("ghost")}
                >
                  {transcript.open}
                </Link>
              )}
              <Link
                href={`/s/${s.slug}`}
                aria-label={format(t.openLabel, { title: s.title })}
                className={buttonClass("secondary")}
              >
                {t.open}
              </Link>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

function CopyLinkButton({ slug, title, t }: { slug: string; title: string; t: Messages["sessions"] }) {
  const [state, setState] = useState<{ kind: "idle" | "copied" | "failed"; url: string }>({
    kind: "idle",
    url: "",
  });

  async function copy() {
    const url = new URL(`/s/${slug}`, window.location.origin).toString();
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
        aria-label={format(t.copyLinkLabel, { title })}
        className={buttonClass("ghost")}
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
