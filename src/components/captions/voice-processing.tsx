"use client";

import { useRoomContext } from "@livekit/components-react";
import { Track, type AudioCaptureOptions, type LocalAudioTrack } from "livekit-client";
import { useId } from "react";
import type { Messages } from "@/i18n/messages/en";
import { readPreference, usePreference } from "../use-preference";
import { VOICE_PROCESSING } from "./caption-preferences";

/**
 * Echo cancellation, noise suppression and automatic gain help a laptop mic in a room but colour
 * the signal: a clean line-in, a studio mic or a played recording is transcribed better without
 * them. On unless this browser was told otherwise.
 */
export function voiceProcessingOn(): boolean {
  return readPreference(VOICE_PROCESSING);
}

export const voiceProcessing = (on: boolean): AudioCaptureOptions => ({
  echoCancellation: on,
  noiseSuppression: on,
  autoGainControl: on,
});

export function VoiceProcessingToggle({ t }: { t: Messages["call"] }) {
  const id = useId();
  const room = useRoomContext();
  // Where storage is blocked, applied to this call only.
  const [on, setOn] = usePreference(VOICE_PROCESSING);

  async function onChange(next: boolean) {
    setOn(next);
    const track = room.localParticipant.getTrackPublication(Track.Source.Microphone)?.track as
      LocalAudioTrack | undefined;
    const deviceId = track?.mediaStreamTrack.getSettings().deviceId;
    await track
      ?.restartTrack({ ...voiceProcessing(next), ...(deviceId ? { deviceId } : {}) })
      .catch(() => {});
  }

  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        type="checkbox"
        checked={on}
        onChange={(e) => void onChange(e.target.checked)}
        className="mt-0.5 size-4 rounded border-zinc-600 bg-zinc-800 text-indigo-500"
      />
      <label htmlFor={id} className="text-sm text-zinc-200">
        {t.captions.voiceProcessing}
        <span className="block text-xs text-zinc-400">{t.captions.voiceProcessingHint}</span>
      </label>
    </div>
  );
}
