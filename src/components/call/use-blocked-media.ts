import { useLocalParticipant, useRoomContext } from "@livekit/components-react";
import { useEffect } from "react";
import { NOT_BLOCKED, isPermissionDenied, type Blocked } from "./media-blocked";

/**
 * In the call, what the browser refused: cleared once that track runs after all (a Retry, or the
 * toggle after the person allowed it in the browser); `retry` asks the browser again for each.
 */
export function useBlockedMedia(
  blocked: Blocked,
  onBlocked: (blocked: Blocked) => void,
  onOtherError: (err: Error) => void,
) {
  const room = useRoomContext();
  const { isMicrophoneEnabled, isCameraEnabled } = useLocalParticipant();
  useEffect(() => {
    if ((blocked.audio && isMicrophoneEnabled) || (blocked.video && isCameraEnabled))
      onBlocked({ audio: blocked.audio && !isMicrophoneEnabled, video: blocked.video && !isCameraEnabled });
  }, [blocked, isMicrophoneEnabled, isCameraEnabled, onBlocked]);

  return async () => {
    const still = { ...NOT_BLOCKED };
    const ask = async (kind: keyof Blocked, enable: () => Promise<unknown>) =>
      blocked[kind] &&
      (await enable().catch((err: Error) => {
        if (isPermissionDenied(err)) still[kind] = true;
        else onOtherError(err);
      }));
    await ask("audio", () => room.localParticipant.setMicrophoneEnabled(true));
    await ask("video", () => room.localParticipant.setCameraEnabled(true));
    onBlocked(still);
  };
}
