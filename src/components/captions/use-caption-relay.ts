"use client";

import { useRoomContext } from "@livekit/components-react";
import { useCallback, useMemo, useState } from "react";
import type {
  TranscriptMessage,
  TranslationMessage,
} from "@/modules/core/captions/client/caption-connection";
import type { CaptionLine } from "./caption-feed";
import { createCaptionRelay, withOwnLine } from "./caption-relay";
import { withTranslation, type Translations } from "./caption-translation";

/**
 * This participant's own lines and translations as they come back from the ws server, shown here
 * directly and relayed into the room for everyone else (caption-relay.ts). The handlers keep their
 * identity for the room's lifetime; `setTrackSid` names the microphone track being captioned.
 */
export function useCaptionRelay() {
  const room = useRoomContext();
  const [lines, setLines] = useState<CaptionLine[]>([]);
  const [translations, setTranslations] = useState<Translations>({});
  const relay = useMemo(
    () => createCaptionRelay((text, opts) => room.localParticipant.sendText(text, opts)),
    [room],
  );

  const onTranscript = useCallback(
    (m: TranscriptMessage) => {
      const speaker = {
        identity: room.localParticipant.identity,
        name: room.localParticipant.name || room.localParticipant.identity,
      };
      const now = Date.now();
      setLines((prev) => withOwnLine(prev, m, speaker, now));
      void relay.transcript(m);
    },
    [room, relay],
  );
  const onTranslation = useCallback(
    (m: TranslationMessage) => {
      setTranslations((prev) => withTranslation(prev, room.localParticipant.identity, m));
      // After the final's own stream in the chain, so nobody gets a translation before its line.
      void relay.translation(m);
    },
    [room, relay],
  );
  return { lines, translations, onTranscript, onTranslation, setTrackSid: relay.setTrackSid };
}
