"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { Locale } from "@/i18n/config";
import type { Messages } from "@/i18n/messages/en";
import type { CaptionAvailability } from "@/modules/core/captions/domain/caption-languages";
import { CaptionDisplayForm } from "./caption-display";
import { CaptionLanguagePicker } from "./caption-language";
import { CaptionsOverlay } from "./captions-overlay";
import { TranscriptPanel } from "./transcript-panel";
import { useCallCaptions, type CallCaptions } from "./use-call-captions";

type T = Messages["call"];

const CaptionsContext = createContext<CallCaptions | null>(null);

/** The call's captions for everything inside it (inside LiveKitRoom: it needs the room). */
export function CaptionsProvider(props: {
  slug: string;
  /** Whether this session gets captions here (captionAvailability, decided by the page). */
  availability: CaptionAvailability;
  t: T;
  errors: Messages["errors"];
  children: ReactNode;
}) {
  const captions = useCallCaptions(props);
  return <CaptionsContext.Provider value={captions}>{props.children}</CaptionsContext.Provider>;
}

export function useCaptions(): CallCaptions {
  const captions = useContext(CaptionsContext);
  if (!captions) throw new Error("useCaptions is used outside CaptionsProvider");
  return captions;
}

/** Captions over the video, in the language this viewer reads them in. */
export function CallCaptionsOverlay({ t }: { t: T }) {
  const c = useCaptions();
  return (
    <CaptionsOverlay
      lines={c.lines}
      visible={c.visible}
      pausedNames={c.pausedNames}
      notice={c.notice}
      size={c.size}
      position={c.position}
      t={t}
    />
  );
}

export function CallTranscriptPanel({ locale, t }: { locale: Locale; t: T }) {
  const c = useCaptions();
  return <TranscriptPanel lines={c.lines} unavailable={c.unavailable} locale={locale} t={t} />;
}

/** The captions' size and position, in the call's settings. */
export function CaptionDisplaySettings({ t }: { t: T }) {
  const c = useCaptions();
  return (
    <CaptionDisplayForm
      size={c.size}
      onSize={c.setSize}
      position={c.position}
      onPosition={c.setPosition}
      t={t}
    />
  );
}

/** The language this viewer reads captions in: a panel of the call, opened from the bar's More menu. */
export function CaptionLanguagePanel({ locale, t }: { locale: Locale; t: T }) {
  const c = useCaptions();
  return (
    <div className="px-4 py-3">
      <CaptionLanguagePicker
        offer={c.offer}
        offered={c.offered}
        value={c.language}
        onChange={c.setLanguage}
        locale={locale}
        className="flex items-center rounded-md bg-zinc-800 px-3 py-2 ring-1 ring-inset ring-white/10"
        t={t}
      />
    </div>
  );
}
