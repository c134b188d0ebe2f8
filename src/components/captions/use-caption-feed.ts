"use client";

import { useRemoteParticipants, useRoomContext } from "@livekit/components-react";
import { useEffect, useMemo, useState } from "react";
import type { ErrorMessages } from "@/i18n/messages/en";
import type { CaptionState } from "@/modules/core/captions/client/caption-health";
import { TRANSCRIPTION_TOPIC, TRANSLATION_TOPIC } from "../call/room-protocol";
import { transcriptsApi, type StoredSegment } from "@/modules/core/transcripts/api/contract";
import { callApi } from "../use-api";
import { fromStored, fromStreams, mergeCaptions, type CaptionLine } from "./caption-feed";
import {
  mergeTranslations,
  translationsFromStored,
  translationsFromStreams,
  type Translations,
} from "./caption-translation";
import { useLiveTexts } from "./use-live-text";

/**
 * Everything said in the call as one list: finals stored before this client joined (loaded once
 * when the call starts), everyone else's live captions from the room, and `own` from the ws server;
 * and the translations of those lines from the same three places. `states` (use-caption-states.ts)
 * says who paused their captions.
 */
export function useCaptionFeed(opts: {
  slug: string;
  own: CaptionLine[];
  ownTranslations: Translations;
  states: ReadonlyMap<string, CaptionState>;
  errors: ErrorMessages;
}) {
  const { slug, errors, own, ownTranslations, states } = opts;
  const room = useRoomContext();
  const remote = useRemoteParticipants();
  const streams = useLiveTexts(TRANSCRIPTION_TOPIC);
  const translationStreams = useLiveTexts(TRANSLATION_TOPIC);
  const [stored, setStored] = useState<StoredSegment[]>([]);
  // Grows as lines appear; a stable object for the life of the call, never replaced.
  const [firstSeen] = useState(() => new Map<string, number>());

  useEffect(() => {
    let cancelled = false;
    void callApi(transcriptsApi.transcript, { params: { slug } }, errors).then((res) => {
      if (!cancelled && res.ok) setStored(res.data.segments);
    });
    return () => {
      cancelled = true;
    };
  }, [slug, errors]);

  const local = room.localParticipant.identity;

  const lines = useMemo(
    () => mergeCaptions(firstSeen, fromStored(stored, local), fromStreams(streams.values(), local), own),
    [firstSeen, stored, streams, own, local],
  );

  const translations = useMemo(
    () =>
      mergeTranslations(
        translationsFromStored(stored),
        translationsFromStreams(translationStreams.values()),
        ownTranslations,
      ),
    [stored, translationStreams, ownTranslations],
  );

  const paused = useMemo(
    () => remote.filter((p) => states.get(p.identity)?.paused).map((p) => p.name || p.identity),
    [remote, states],
  );

  return { lines, translations, paused };
}
