"use client";

import { useLayoutEffect, useRef, useState } from "react";
import type { Locale } from "@/i18n/config";
import type { Messages } from "@/i18n/messages/en";
import type { CaptionLine } from "./caption-feed";
import { UntranslatedMark } from "./captions-overlay";

type T = Messages["call"];

/** How close to the bottom still counts as "reading the latest" (px). */
const STICK_SLACK = 32;

/**
 * The live transcript: follows new lines while the reader is at the bottom, stops as soon as they
 * scroll up to read back, and offers "jump to latest" until they return. Consecutive lines of one
 * speaker show the name and time once; each line is still its own list item (with its speaker in
 * `data-speaker` and, for screen readers, in hidden text), so a line read alone says who said it.
 * A session without captions says why instead of promising lines that will never come.
 */
export function TranscriptPanel({
  lines,
  unavailable,
  locale,
  t,
}: {
  lines: CaptionLine[];
  unavailable: string | null;
  locale: Locale;
  t: T;
}) {
  const listRef = useRef<HTMLDivElement>(null);
  const [stick, setStick] = useState(true);
  /** What the list held when the reader scrolled away: anything newer is worth "jump to latest". */
  const [leftAt, setLeftAt] = useState<string | null>(null);
  const time = new Intl.DateTimeFormat(locale, { timeStyle: "medium" });
  const last = lines.at(-1);
  const signature = `${lines.length}:${last?.id}:${last?.text.length}`;

  const toBottom = () => {
    const el = listRef.current;
    if (el) el.scrollTop = el.scrollHeight;
    setStick(true);
  };

  useLayoutEffect(() => {
    const el = listRef.current;
    if (stick && el) el.scrollTop = el.scrollHeight;
    // Only new or growing lines matter, not every re-render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signature]);

  const onScroll = () => {
    const el = listRef.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= STICK_SLACK;
    if (!atBottom && stick) setLeftAt(signature);
    setStick(atBottom);
  };

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      {/* The scrolling log holds the list: an <ol> cannot be a log itself and keep its items. */}
      <div
        ref={listRef}
        role="log"
        aria-label={t.captions.transcriptTitle}
        onScroll={onScroll}
        data-testid="transcript-log"
        className="min-h-0 flex-1 overflow-y-auto px-4 py-3"
      >
        <ol>
          {lines.length === 0 && (
            <li className="py-6 text-center text-sm text-zinc-400" data-testid="transcript-empty">
              {unavailable ?? t.captions.transcriptEmpty}
            </li>
          )}
          {lines.map((line, i) => {
            const first = lines[i - 1]?.speakerIdentity !== line.speakerIdentity;
            return (
              <li
                key={line.key}
                data-caption-id={line.id}
                data-final={line.final}
                data-speaker={line.speakerName}
                className={first && i > 0 ? "mt-3" : "mt-0.5"}
              >
                {first ? (
                  <p className="text-xs text-zinc-400">
                    <span className="font-medium text-zinc-300">{line.speakerName}</span>
                    {line.local && <span> ({t.you})</span>} ·{" "}
                    <time dateTime={new Date(line.at).toISOString()}>{time.format(line.at)}</time>
                  </p>
                ) : (
                  <span className="sr-only">{line.speakerName}: </span>
                )}
                <p
                  data-caption-text
                  title={first ? undefined : time.format(line.at)}
                  className={`break-words text-sm ${line.final ? "text-zinc-100" : "text-zinc-400 italic"}`}
                >
                  {line.text}
                  {line.untranslated && <UntranslatedMark t={t} />}
                </p>
              </li>
            );
          })}
        </ol>
      </div>
      {!stick && leftAt !== signature && (
        <button
          type="button"
          onClick={toBottom}
          className="absolute bottom-3 left-1/2 -translate-x-1/2 rounded-full bg-indigo-600 px-3 py-1.5 text-xs font-medium text-white shadow-lg hover:bg-indigo-500"
        >
          ↓ {t.captions.jumpToLatest}
        </button>
      )}
    </div>
  );
}
