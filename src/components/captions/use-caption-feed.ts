"use client";

import {
  useRemoteParticipants,
  useRoomContext,
  useTextStream,
  useTranscriptions,
} from "@livekit/components-react";
import { useEffect, useMemo, useState } from "react";
import type { ErrorMessages } from "@/i18n/messages/en";
import { callApi } from "../use-api";
import { fromStored, fromStreams, mergeCaptions, type CaptionLine, type StoredSegment } from "./caption-feed";
import {
  mergeTranslations,
  TRANSLATION_TOPIC,
  translationsFromStored,
  translationsFromStreams,
  type Translations,
} from "./caption-translation";
import { CAPTIONS_ATTRIBUTE } from "./use-own-captions";

/**
 * Everything said in the call as one list: finals stored before this client joined (loaded once
 * when the call starts), everyone else's live captions from the room, and `own` from the ws server;
 * and the translations of those lines from the same three places.
 */
export function useCaptionFeed(opts: {
  slug: string;
  own: CaptionLine[];
  ownTranslations: Translations;
  errors: ErrorMessages;
}) {
  const { slug, errors, own, ownTranslations } = opts;
  const room = useRoomContext();
  const remote = useRemoteParticipants();
  const streams = useTranscriptions();
  const { textStreams: translationStreams } = useTextStream(TRANSLATION_TOPIC);
  const [stored, setStored] = useState<StoredSegment[]>([]);
  // Grows as lines appear; a stable object for the life of the call, never replaced.
  const [firstSeen] = useState(() => new Map<string, number>());

  useEffect(() => {
    let cancelled = false;
    void callApi<{ segments: StoredSegment[] }>(
      `/api/sessions/${slug}/transcript`,
      { method: "GET" },
      errors,
    ).then((res) => {
      if (!cancelled && res.ok) setStored(res.data.segments);
    });
    return () => {
      cancelled = true;
    };
  }, [slug, errors]);

  const local = room.localParticipant.identity;
  const names = useMemo(() => new Map(remote.map((p) => [p.identity, p.name || p.identity])), [remote]);
  const storedNames = useMemo(
    () => new Map(stored.map((s) => [s.speakerIdentity ?? "", s.speakerName ?? ""])),
    [stored],
  );

  const lines = useMemo(
    () =>
      mergeCaptions(
        firstSeen,
        fromStored(stored, local),
        // Someone who left is no longer in the room, but their stored name still labels their words.
        fromStreams(streams, (id) => names.get(id) ?? storedNames.get(id) ?? id, local),
        own,
      ),
    [firstSeen, stored, streams, own, names, storedNames, local],
  );

  const translations = useMemo(
    () =>
      mergeTranslations(
        translationsFromStored(stored),
        translationsFromStreams(translationStreams),
        ownTranslations,
      ),
    [stored, translationStreams, ownTranslations],
  );

  const paused = useMemo(
    () =>
      remote.filter((p) => p.attributes[CAPTIONS_ATTRIBUTE] === "paused").map((p) => p.name || p.identity),
    [remote],
  );

  return { lines, translations, paused };
}
