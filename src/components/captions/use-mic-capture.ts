"use client";

import { useLocalParticipant } from "@livekit/components-react";
import { TrackEvent } from "livekit-client";
import { useEffect, useState } from "react";
import { startPcmCapture, type PcmCapture } from "./audio-capture";

/**
 * Captures the LiveKit microphone track as PCM16 chunks (audio-capture.ts) while `wanted` and the
 * microphone is on and unmuted; a device switch (the track restarts with a new MediaStreamTrack)
 * restarts the capture. `onStart` gets the sid of the track being captured, `onError` why the
 * capture could not start; `onChunk`, `onStart` and `onError` must keep their identity.
 */
export function useMicCapture(opts: {
  wanted: boolean;
  onChunk: (chunk: ArrayBuffer) => void;
  onStart: (trackSid: string) => void;
  onError: (reason: string) => void;
}) {
  const { wanted, onChunk, onStart, onError } = opts;
  const { microphoneTrack, isMicrophoneEnabled } = useLocalParticipant();
  const [restarts, setRestarts] = useState(0);
  const track = microphoneTrack?.track;
  useEffect(() => {
    if (!track) return;
    const bump = () => setRestarts((n) => n + 1);
    track.on(TrackEvent.Restarted, bump);
    return () => void track.off(TrackEvent.Restarted, bump);
  }, [track]);

  const micOn = isMicrophoneEnabled && !microphoneTrack?.isMuted;
  const mediaTrack = track?.mediaStreamTrack;
  const capturing = wanted && micOn && !!mediaTrack;
  const trackSid = microphoneTrack?.trackSid;
  useEffect(() => {
    if (!capturing || !mediaTrack) return;
    onStart(trackSid ?? "");
    let capture: PcmCapture | null = null;
    let cancelled = false;
    startPcmCapture(mediaTrack, onChunk)
      .then((c) => (cancelled ? c.stop() : (capture = c)))
      .catch((err: Error) => onError(err.message || err.name));
    return () => {
      cancelled = true;
      capture?.stop();
    };
  }, [capturing, mediaTrack, trackSid, restarts, onChunk, onStart, onError]);

  return { capturing, micOn };
}
