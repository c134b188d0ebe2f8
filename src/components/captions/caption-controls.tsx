"use client";

import { useCallback, useState } from "react";
import type { Messages } from "@/i18n/messages/en";

type T = Messages["call"];

const key = (identity: string) => `rooms:captions-visible:${identity}`;

/**
 * Whether this person wants captions over the video, remembered per user (or guest) identity in
 * this browser. Defaults to shown.
 */
export function useCaptionsVisible(identity: string): [boolean, (next: boolean) => void] {
  // The identity is known only once the room connects; a choice made before then is per call.
  const [choice, setChoice] = useState<{ identity: string; visible: boolean } | null>(null);
  const visible = choice && choice.identity === identity ? choice.visible : stored(identity);
  const set = useCallback(
    (next: boolean) => {
      setChoice({ identity, visible: next });
      try {
        if (identity) localStorage.setItem(key(identity), next ? "on" : "off");
      } catch {
        // Not remembered, but still applied for this call.
      }
    },
    [identity],
  );
  return [visible, set];
}

function stored(identity: string): boolean {
  try {
    return !identity || localStorage.getItem(key(identity)) !== "off";
  } catch {
    // Storage may be blocked (private mode, policies): the default stands.
    return true;
  }
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
      <span className="hidden lg:inline">{t.captions.show}</span>
    </button>
  );
}

export function PauseCaptionsButton({
  paused,
  disabled,
  onChange,
  className,
  t,
}: {
  paused: boolean;
  disabled: boolean;
  onChange: (next: boolean) => void;
  className: string;
  t: T;
}) {
  const label = paused ? t.captions.resume : t.captions.pause;
  return (
    <button
      type="button"
      aria-pressed={paused}
      aria-label={t.captions.pause}
      title={label}
      disabled={disabled}
      onClick={() => onChange(!paused)}
      className={className}
    >
      <span aria-hidden>{paused ? "▶" : "⏸"}</span>
      <span className="hidden lg:inline">{label}</span>
    </button>
  );
}
