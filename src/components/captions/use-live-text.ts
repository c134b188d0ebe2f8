"use client";

import { useRoomContext } from "@livekit/components-react";
import { Track, type RemoteParticipant } from "livekit-client";
import { useEffect, useState } from "react";
import { admitLiveText, withLiveText, type LiveText, type Sender } from "./live-text";

function senderOf(p: RemoteParticipant | undefined): Sender | undefined {
  if (!p) return undefined;
  const audioTrackSids = [...p.trackPublications.values()]
    .filter((t) => t.kind === Track.Kind.Audio)
    .map((t) => t.trackSid);
  return { identity: p.identity, name: p.name ?? "", audioTrackSids };
}

/**
 * Other participants' text streams on `topic` (captions or translations), admitted as they arrive
 * (live-text.ts): checked against the sender LiveKit names for the stream and that sender's
 * published tracks at that moment, so a line stays after its speaker leaves. Replaces
 * components-react's useTranscriptions, which merges streams by segment id alone.
 */
export function useLiveTexts(topic: string): ReadonlyMap<string, LiveText> {
  const room = useRoomContext();
  const [texts, setTexts] = useState<ReadonlyMap<string, LiveText>>(() => new Map());

  useEffect(() => {
    let open = true;
    room.registerTextStreamHandler(topic, (reader, from) => {
      const admitted = admitLiveText(
        topic,
        reader.info.attributes,
        senderOf(room.remoteParticipants.get(from.identity)),
      );
      if (!admitted) return;
      void (async () => {
        let text = "";
        for await (const chunk of reader) {
          text += chunk;
          if (!open) return;
          const next: LiveText = { ...admitted, text, receivedAt: Date.now() };
          setTexts((prev) => withLiveText(prev, next));
        }
      })().catch(() => {});
    });
    return () => {
      open = false;
      room.unregisterTextStreamHandler(topic);
    };
  }, [room, topic]);

  return texts;
}
