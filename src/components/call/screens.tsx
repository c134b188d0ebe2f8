import type { ReactNode } from "react";
import type { Messages } from "@/i18n/messages/en";
import type { CaptionAvailability } from "@/modules/core/captions/domain/caption-languages";

// Plain markup shared by the server page (a session already ended, no media server) and the
// client call flow, so both render the same screen for the same outcome.

type Tone = "neutral" | "warning" | "danger";

const TONES: Record<Tone, string> = {
  neutral: "bg-indigo-50 text-indigo-700 ring-indigo-100",
  warning: "bg-amber-50 text-amber-700 ring-amber-200",
  danger: "bg-red-50 text-red-700 ring-red-200",
};

export function CallScreen(props: {
  title: string;
  body?: string;
  /** Shown verbatim in a monospace block: text from the server meant for whoever runs it. */
  detail?: string | null;
  context?: string;
  tone?: Tone;
  children?: ReactNode;
}) {
  return (
    <div
      className="mx-auto max-w-lg rounded-xl border border-zinc-200 bg-white px-6 py-10 text-center shadow-sm sm:px-10"
      data-call-screen
    >
      <span
        aria-hidden
        className={`mx-auto flex size-12 items-center justify-center rounded-full ring-1 ${TONES[props.tone ?? "neutral"]}`}
      >
        <span className="size-3 rounded-full bg-current" />
      </span>
      {props.context && <p className="mt-5 text-sm font-medium text-zinc-500">{props.context}</p>}
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-zinc-900">{props.title}</h1>
      {props.body && <p className="mt-3 text-zinc-600">{props.body}</p>}
      {props.detail && (
        <p className="mt-4 whitespace-pre-wrap break-words rounded-lg bg-zinc-50 px-4 py-3 text-left font-mono text-sm text-zinc-800 ring-1 ring-inset ring-zinc-200">
          {props.detail}
        </p>
      )}
      {props.children && (
        <div className="mt-8 flex flex-wrap items-center justify-center gap-3">{props.children}</div>
      )}
    </div>
  );
}

/** The ended screen's words; a call without captions says there is no transcript to look for. */
export function endedBody(captions: CaptionAvailability, t: Messages["call"]): string {
  return captions === "off" ? `${t.ended.body} ${t.captions.ux.offAfterCall}` : t.ended.body;
}
