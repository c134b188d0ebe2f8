"use client";

import { useMemo } from "react";
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

export function CaptionsToggle({
  visible,
  onChange,
  className,
  t,
}: {
  visible: boolean;
  onChange: (next: boolean) => void;
  className: string;
  t: T;
}) {
  const label = visible ? t.captions.showOn : t.captions.showOff;
  return (
    <button
      type="button"
      aria-pressed={visible}
      aria-label={t.captions.show}
      title={label}
      onClick={() => onChange(!visible)}
      className={className}
    >
      <span
        aria-hidden
        className="rounded border border-current px-0.5 text-[0.625rem] font-bold leading-tight"
      >
        CC
      </span>
      <span className="hidden 2xl:inline">{t.captions.show}</span>
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
