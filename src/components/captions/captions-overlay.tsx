"use client";

import { useEffect, useState } from "react";
import { format } from "@/i18n/format";
import type { Messages } from "@/i18n/messages/en";
import { PauseIcon } from "./caption-controls";
import { CAPTION_PANEL, CAPTION_POSITION_CLASS, CAPTION_SIZE_CLASS, CAPTION_TEXT } from "./caption-display";
import { groupBySpeaker, overlayLines, type CaptionLine } from "./caption-feed";
import type { CaptionPosition, CaptionSize } from "./caption-preferences";

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
      className={`ml-2 rounded border border-current px-1 align-[1px] text-[0.6em] uppercase ${CAPTION_TEXT.untranslated}`}
    >
      {t.captions.untranslated}
    </span>
  );
}

/**
 * Captions over the video: the last few lines, consecutive lines of one speaker under their name
 * once; a partial turns solid when final. Size and position are the viewer's (caption-display.tsx).
 * Text colours hold WCAG AA (4.5:1) on the panel even over a white video frame: the panel is 80 %
 * black, so what shows through is at most rgb(51,51,51).
 */
export function CaptionsOverlay({
  lines,
  visible,
  pausedNames,
  notice,
  size,
  position,
  t,
}: {
  lines: CaptionLine[];
  visible: boolean;
  pausedNames: string[];
  notice: string | null;
  size: CaptionSize;
  position: CaptionPosition;
  t: T;
}) {
  const now = useNow();
  const shown = visible ? overlayLines(lines, now, undefined, CAPTION_SIZE_CLASS[size].lines) : [];
  return (
    <div
      data-testid="captions-area"
      data-size={size}
      data-position={position}
      className={`pointer-events-none absolute inset-x-0 z-10 flex flex-col items-center gap-2 px-3 ${CAPTION_POSITION_CLASS[position]} ${CAPTION_SIZE_CLASS[size].text}`}
    >
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
          className={`w-full space-y-2 rounded-lg ${CAPTION_PANEL} px-4 py-2.5 leading-snug shadow-lg ${CAPTION_SIZE_CLASS[size].width}`}
        >
          {groupBySpeaker(shown).map((group) => (
            <div key={group.key} data-caption-group data-speaker={group.speakerName}>
              <p data-caption-speaker className={`text-[0.8em] font-semibold ${CAPTION_TEXT.name}`}>
                {group.speakerName}
              </p>
              {group.lines.map((line) => (
                <p key={line.key} data-caption-id={line.id} data-final={line.final} className="break-words">
                  <span className={line.final ? CAPTION_TEXT.final : `${CAPTION_TEXT.partial} italic`}>
                    {line.text}
                  </span>
                  {line.untranslated && <UntranslatedMark t={t} />}
                </p>
              ))}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
