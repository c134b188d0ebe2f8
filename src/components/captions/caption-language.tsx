"use client";

import { useCallback, useEffect, useId, useState } from "react";
import type { Locale } from "@/i18n/config";
import type { Messages } from "@/i18n/messages/en";
import type { TranslationOffer } from "@/modules/core/captions/domain/protocol";
import { readCaptionLanguage, storeCaptionLanguage } from "./caption-translation";

type T = Messages["call"];

/**
 * The language this person reads captions in (null: Original), remembered per user (or guest)
 * identity in this browser like the captions toggle.
 */
export function useCaptionLanguage(identity: string): [string | null, (next: string | null) => void] {
  // The identity is known only once the room connects, and the caption socket (which makes the
  // choice possible) may be ready before that: a choice made then holds, and is stored once known.
  const [choice, setChoice] = useState<{ identity: string; language: string | null } | null>(null);
  const language =
    choice && (choice.identity === identity || !choice.identity)
      ? choice.language
      : readCaptionLanguage(identity, browserStorage);
  useEffect(() => {
    if (identity && choice && !choice.identity)
      storeCaptionLanguage(identity, choice.language, browserStorage);
  }, [identity, choice]);
  const set = useCallback(
    (next: string | null) => {
      setChoice({ identity, language: next });
      storeCaptionLanguage(identity, next, browserStorage);
    },
    [identity],
  );
  return [language, set];
}

// Looked up on each use: where localStorage is missing or blocked, the caller's catch applies.
const browserStorage = {
  getItem: (k: string) => localStorage.getItem(k),
  setItem: (k: string, v: string) => localStorage.setItem(k, v),
  removeItem: (k: string) => localStorage.removeItem(k),
};

/** "ru" in the viewer's language ("Russian", "русский"); the code itself where names are unknown. */
function languageName(code: string, locale: Locale): string {
  try {
    return new Intl.DisplayNames([locale], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * Original + the offered languages. Without any (offline recognizer, none configured) it is shown
 * disabled with the reason; before the server said anything (not connected), it is not shown.
 */
export function CaptionLanguagePicker({
  offer,
  offered,
  value,
  onChange,
  locale,
  className,
  t,
}: {
  offer: TranslationOffer | null;
  offered: string[];
  value: string | null;
  onChange: (next: string | null) => void;
  locale: Locale;
  className: string;
  t: T;
}) {
  const reasonId = useId();
  if (!offer && offered.length === 0) return null;
  const reason =
    offered.length > 0
      ? null
      : offer?.reason === "provider_cannot_translate"
        ? t.captions.translationProviderCannot
        : t.captions.translationNotConfigured;
  return (
    <label className={className} title={reason ?? t.captions.language}>
      <span className="sr-only">{t.captions.language}</span>
      {reason && (
        <span id={reasonId} className="sr-only" data-testid="caption-language-reason">
          {reason}
        </span>
      )}
      <select
        data-testid="caption-language"
        value={value && offered.includes(value) ? value : ""}
        disabled={offered.length === 0}
        aria-describedby={reason ? reasonId : undefined}
        onChange={(e) => onChange(e.target.value || null)}
        className="max-w-32 cursor-pointer bg-transparent text-sm outline-none disabled:cursor-not-allowed disabled:opacity-60"
      >
        <option value="" className="text-zinc-900">
          {t.captions.languageOriginal}
        </option>
        {offered.map((code) => (
          <option key={code} value={code} className="text-zinc-900">
            {languageName(code, locale)}
          </option>
        ))}
      </select>
    </label>
  );
}
