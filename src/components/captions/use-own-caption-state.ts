"use client";

import { useMemo } from "react";
import { deriveCaptionHealth, type CaptionState } from "@/modules/core/captions/client/caption-health";
import type { CaptionLagStatus } from "@/modules/core/captions/domain/protocol";
import type { CaptionStatus } from "./use-caption-socket";

type OwnCaptionInput = {
  enabled: boolean;
  sessionOff: boolean;
  status: CaptionStatus;
  paused: boolean;
  micOn: boolean;
  recognizer: CaptionLagStatus;
  lagMs: number | null;
  capturing: boolean;
  /** What the ws server last said (mic_silent / mic_ok). */
  micSilent: boolean;
};

/**
 * The health this participant's captions are in (deriveCaptionHealth) and whether their microphone
 * is silent now: only while it is captured and streaming. Muted, nothing is sent, so the flag
 * waits; a muted microphone is not a silent one.
 */
export function ownCaptionHealth(o: OwnCaptionInput) {
  const health = deriveCaptionHealth({
    enabled: o.enabled && !o.sessionOff,
    connection: o.status.state,
    reason: o.status.reason,
    paused: o.paused,
    micOn: o.micOn,
    recognizer: o.recognizer,
  });
  return { health, micSilent: o.micSilent && o.capturing && health.state === "streaming" };
}

/**
 * This participant's caption state as the room gets it (use-caption-states.ts: the host's
 * participants panel and the pause marker); a new object only when something in it changed.
 */
export function useOwnCaptionState(opts: OwnCaptionInput): {
  captionState: CaptionState;
  micSilent: boolean;
} {
  const { paused, lagMs } = opts;
  const { health, micSilent } = ownCaptionHealth(opts);
  const captionState: CaptionState = useMemo(
    () => ({
      state: health.state,
      ...(health.reason ? { reason: health.reason } : {}),
      lagMs,
      paused,
      ...(micSilent ? { mic: "silent" as const } : {}),
    }),
    [health.state, health.reason, lagMs, paused, micSilent],
  );
  return { captionState, micSilent };
}
