"use client";

import { useEffect, useState } from "react";
import { format } from "@/i18n/format";
import type { Messages } from "@/i18n/messages/en";
import { PauseIcon } from "./caption-controls";
import { overlayLines, type CaptionLine } from "./caption-feed";

type T = Messages["call"];

/** Re-renders every second so captions age off the video even when nobody is speaking. */
function useNow(intervalMs = 1000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

/** On a line shown as spoken although the viewer reads captions in another language. */
export function UntranslatedMark({ t }: { t: T }) {
  return (
    <span
      title={t.captions.untranslatedTitle}
      data-untranslated
      className="ml-2 rounded border border-current px-1 align-[1px] text-[0.625rem] text-zinc-400 uppercase"
    >
      {t.captions.untranslated}
    </span>
  );
}

/** Captions over the video: the last few lines, each with its speaker; a partial turns solid when final. */
export function CaptionsOverlay({
  lines,
  visible,
  pausedNames,
  notice,
  t,
}: {
  lines: CaptionLine[];
  visible: boolean;
  pausedNames: string[];
  notice: string | null;
  t: T;
}) {
  const now = useNow();
  const shown = visible ? overlayLines(lines, now) : [];
  return (
    <div className="pointer-events-none absolute inset-x-0 bottom-14 z-10 flex flex-col items-center gap-2 px-3">
      {(pausedNames.length > 0 || notice) && (
        <div className="flex flex-wrap justify-center gap-2" data-testid="captions-markers">
          {pausedNames.map((name) => (
            <span
              key={name}
              data-captions-paused={name}
              className="rounded-full bg-amber-400/90 px-2.5 py-1 text-xs font-medium text-amber-950"
            >
              <PauseIcon className="mr-1 inline size-3 align-[-1px]" />
              {format(t.captions.pausedOther, { name })}
            </span>
          ))}
          {notice && (
            <span role="status" className="rounded-full bg-zinc-800/90 px-2.5 py-1 text-xs text-zinc-100">
              {notice}
            </span>
          )}
        </div>
      )}
      {shown.length > 0 && (
        <div
          aria-hidden
          data-testid="captions-overlay"
          className="w-full max-w-3xl space-y-1 rounded-lg bg-black/75 px-4 py-2.5 text-base leading-snug shadow-lg"
        >
          {shown.map((line) => (
            <p key={line.key} data-caption-id={line.id} data-final={line.final} className="break-words">
              <span className="mr-2 font-semibold text-indigo-200">{line.speakerName}:</span>
              <span className={line.final ? "text-white" : "text-zinc-300 italic"}>{line.text}</span>
              {line.untranslated && <UntranslatedMark t={t} />}
            </p>
          ))}
        </div>
      )}
    </div>
  );
}
