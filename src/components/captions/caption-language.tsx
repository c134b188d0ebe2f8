"use client";

import { useId, useMemo } from "react";
import type { Locale } from "@/i18n/config";
import type { Messages } from "@/i18n/messages/en";
import type { TranslationOffer } from "@/modules/core/captions/domain/protocol";
import { usePreference } from "../use-preference";
import { captionLanguagePreference } from "./caption-preferences";

type T = Messages["call"];

/**
 * The language this person reads captions in (null: Original), remembered per user (or guest)
 * identity in this browser like the captions toggle. The caption socket (which makes the choice
 * possible) may be ready before the room says who this is: a choice made then holds, and is stored
 * once the identity is known.
 */
export function useCaptionLanguage(identity: string): [string | null, (next: string | null) => void] {
  return usePreference(useMemo(() => captionLanguagePreference(identity), [identity]));
}

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
