"use client";

import { useId, useMemo } from "react";
import type { Messages } from "@/i18n/messages/en";
import { usePreference } from "../use-preference";
import { captionsVisiblePreference } from "./caption-preferences";

type T = Messages["call"];

/**
 * Whether this person wants captions over the video, remembered per user (or guest) identity in
 * this browser. Defaults to shown.
 */
export function useCaptionsVisible(identity: string): [boolean, (next: boolean) => void] {
  return usePreference(useMemo(() => captionsVisiblePreference(identity), [identity]));
}

/**
 * Captions over the video on or off. Disabled, with the reason as its description and tooltip,
 * when the session has no captions (off, no recognizer, a language it cannot do).
 */
export function CaptionsToggle({
  visible,
  onChange,
  unavailable,
  className,
  t,
}: {
  visible: boolean;
  onChange: (next: boolean) => void;
  unavailable: string | null;
  className: string;
  t: T;
}) {
  const reasonId = useId();
  const on = visible && !unavailable;
  return (
    <button
      type="button"
      aria-pressed={on}
      aria-label={t.captions.show}
      aria-describedby={unavailable ? reasonId : undefined}
      title={unavailable ?? (visible ? t.captions.showOn : t.captions.showOff)}
      disabled={unavailable !== null}
      data-testid="captions-toggle"
      onClick={() => onChange(!visible)}
      className={`${className} disabled:cursor-not-allowed`}
    >
      <span
        aria-hidden
        className={`rounded border border-current px-0.5 text-[0.625rem] font-bold leading-tight ${
          unavailable ? "line-through" : ""
        }`}
      >
        CC
      </span>
      <span className="hidden 2xl:inline">{t.captions.show}</span>
      {unavailable && (
        <span id={reasonId} className="sr-only">
          {unavailable}
        </span>
      )}
    </button>
  );
}

export function PauseIcon({ className }: { className?: string }) {
  return (
    <svg aria-hidden width="16" height="16" viewBox="0 0 16 16" fill="currentColor" className={className}>
      <rect x="3.5" y="2.5" width="3" height="11" rx="0.75" />
      <rect x="9.5" y="2.5" width="3" height="11" rx="0.75" />
    </svg>
  );
}
