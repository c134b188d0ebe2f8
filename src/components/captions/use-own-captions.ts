"use client";

import type { ErrorMessages } from "@/i18n/messages/en";
import { useCaptionRelay } from "./use-caption-relay";
import { useCaptionSocket } from "./use-caption-socket";
import { useMicCapture } from "./use-mic-capture";
import { useOwnCaptionState } from "./use-own-caption-state";

export type { CaptionStatus } from "./use-caption-socket";

/**
 * This participant's own captions: the microphone goes to the ws server (capture → socket) while
 * the mic is on and transcription is not paused; transcripts come back, are shown here directly,
 * and are relayed into the room as `lk.transcription` text streams for everyone else, with their
 * translations on their own topic (relay); the caption state tells the room how it goes (health).
 */
export function useOwnCaptions(opts: { slug: string; enabled: boolean; errors: ErrorMessages }) {
  const { enabled } = opts;
  const relay = useCaptionRelay();
  const socket = useCaptionSocket({
    ...opts,
    onTranscript: relay.onTranscript,
    onTranslation: relay.onTranslation,
  });
  const { state } = socket.status;
  // No audio graph while nothing could take the audio: captions off, refused, or unavailable for now.
  const accepting = state === "connecting" || state === "ready" || state === "reconnecting";
  const mic = useMicCapture({
    wanted: enabled && accepting && !socket.paused,
    onChunk: socket.sendAudio,
    onStart: relay.setTrackSid,
    onError: socket.fail,
  });
  const { captionState, micSilent } = useOwnCaptionState({
    enabled,
    sessionOff: socket.sessionOff,
    status: socket.status,
    paused: socket.paused,
    micOn: mic.micOn,
    recognizer: socket.recognizer,
    lagMs: socket.lagMs,
    capturing: mic.capturing,
    micSilent: socket.micSilent,
  });

  return {
    lines: relay.lines,
    status: socket.status,
    recognizer: socket.recognizer,
    slowNetwork: socket.slowNetwork,
    paused: socket.paused,
    setPaused: socket.pause,
    capturing: mic.capturing,
    sessionOff: socket.sessionOff,
    offer: socket.offer,
    translations: relay.translations,
    captionState,
    micSilent,
  };
}
