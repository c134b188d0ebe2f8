"use client";

import { useRoomContext } from "@livekit/components-react";
import { useMemo } from "react";
import { format } from "@/i18n/format";
import type { Messages } from "@/i18n/messages/en";
import type { CaptionState } from "@/modules/core/captions/client/caption-health";
import { CLOSE } from "@/modules/core/captions/domain/close-codes";
import type { CaptionLagStatus } from "@/modules/core/captions/domain/protocol";
import type { CaptionAvailability } from "@/modules/core/captions/domain/caption-languages";
import { useCaptionsVisible } from "./caption-controls";
import { useCaptionDisplay } from "./caption-display";
import { useCaptionLanguage } from "./caption-language";
import { inLanguage, offeredLanguages, shownLanguage } from "./caption-translation";
import { useCaptionFeed } from "./use-caption-feed";
import { useCaptionStates } from "./use-caption-states";
import { useOwnCaptions, type CaptionStatus } from "./use-own-captions";

type T = Messages["call"];

function noticeFor(
  status: CaptionStatus,
  recognizer: CaptionLagStatus,
  paused: boolean,
  micSilent: boolean,
  slowNetwork: boolean,
  t: T,
): string | null {
  if (recognizer === "busy" && status.state !== "ready") return t.captions.busy;
  // Known cases by the server's code, said in the viewer's language.
  if (status.state === "unavailable" && status.code === "budget_used_up") return t.captions.budgetUsedUp;
  // This participant's captions now come from another tab or device (close 4017, not retried).
  if (status.state === "unavailable" && status.reason === CLOSE.REPLACED.reason) return t.captions.replaced;
  // The session's language is one this server's recognizer cannot do (e.g. it fell back to PocketSphinx).
  if (status.state === "unavailable" && status.code === "language_unsupported")
    return t.captions.languageUnsupported;
  if (status.state === "unavailable" && status.code === "no_recognizer") return t.captions.ux.noRecognizer;
  if (status.state === "unavailable" && status.code === "recognizer_failed")
    return t.captions.ux.recognizerFailed;
  if (status.state === "unavailable") return format(t.captions.unavailable, { reason: status.reason ?? "" });
  if (status.state === "reconnecting") return t.captions.reconnecting;
  if (paused) return t.captions.pausedSelf;
  if (recognizer === "delayed") return slowNetwork ? t.captions.delayedNetwork : t.captions.delayed;
  if (recognizer === "catching_up") return t.captions.catchingUp;
  if (micSilent) return t.captions.micSilent;
  return null;
}

/** Why this session has no captions at all, known before connecting; null when it has them. */
function unavailableReason(availability: CaptionAvailability, t: T): string | null {
  switch (availability) {
    case "on":
      return null;
    case "off":
      return t.captions.ux.off;
    case "no_recognizer":
      return t.captions.ux.noRecognizer;
    case "language_unsupported":
      return t.captions.languageUnsupported;
  }
}

/**
 * Captions wired into the call in one place: this participant's own captions, everyone's caption
 * state, the merged feed in the language this viewer reads captions in, the viewer's choices and
 * the notice to show. State and actions only: CaptionsProvider shares them, components render them.
 */
export function useCallCaptions(opts: {
  slug: string;
  availability: CaptionAvailability;
  t: T;
  errors: Messages["errors"];
}) {
  const { t } = opts;
  const room = useRoomContext();
  // No socket for a session without captions: it would only be refused.
  const own = useOwnCaptions({ slug: opts.slug, enabled: opts.availability === "on", errors: opts.errors });
  // Held for the whole call: a panel opened later still knows everyone's state.
  const states: ReadonlyMap<string, CaptionState> = useCaptionStates(own.captionState);
  const feed = useCaptionFeed({
    slug: opts.slug,
    own: own.lines,
    ownTranslations: own.translations,
    states,
    errors: opts.errors,
  });
  const [visible, setVisible] = useCaptionsVisible(room.localParticipant.identity);
  const [language, setLanguage] = useCaptionLanguage(room.localParticipant.identity);
  const display = useCaptionDisplay(room.localParticipant.identity);
  const offered = useMemo(
    () => offeredLanguages(own.offer, feed.translations),
    [own.offer, feed.translations],
  );
  const shown = shownLanguage(language, offered);
  const lines = useMemo(
    () => inLanguage(feed.lines, feed.translations, shown),
    [feed.lines, feed.translations, shown],
  );

  // Captions off (from the start, or turned off while connected) is said once, on the CC control
  // and the transcript panel, not again as a notice over the video.
  const unavailable = unavailableReason(own.sessionOff ? "off" : opts.availability, t);

  return {
    states,
    lines,
    pausedNames: feed.paused,
    notice: unavailable
      ? null
      : noticeFor(own.status, own.recognizer, own.paused, own.micSilent, own.slowNetwork, t),
    unavailable,
    ...display,
    visible,
    setVisible,
    offer: own.offer,
    offered,
    language: shown,
    setLanguage,
    /** Whether this participant's captions run at all (so pausing them means something). */
    live: !own.sessionOff && own.status.state !== "stopped",
    paused: own.paused,
    setPaused: own.setPaused,
  };
}

export type CallCaptions = ReturnType<typeof useCallCaptions>;
