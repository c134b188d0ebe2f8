import type {
  TranscriptMessage,
  TranslationMessage,
} from "@/modules/core/captions/client/caption-connection";
import {
  TRANSCRIPTION_ATTR,
  TRANSCRIPTION_TOPIC,
  TRANSLATION_ATTR,
  TRANSLATION_TOPIC,
} from "../call/room-protocol";
import type { CaptionLine } from "./caption-feed";
import { lineKey } from "./live-text";

/** The room's `sendText` (LocalParticipant), or a stand-in in tests. */
export type SendText = (
  text: string,
  opts: { topic: string; attributes: Record<string, string> },
) => Promise<unknown>;

/**
 * Relays this participant's own transcripts and their translations into the room, one text stream
 * per update. Sends are chained so they arrive in order (a translation after its final), a partial
 * already superseded by a newer update of its utterance is skipped, and a failed send never stops
 * the ones after it. Each names the sender's own microphone track (`setTrackSid`, as capture starts):
 * others admit a stream only from the sender of the track it names (live-text.ts).
 */
export function createCaptionRelay(send: SendText) {
  let trackSid = "";
  let chain: Promise<void> = Promise.resolve();
  const latest = new Map<string, number>();
  let seq = 0;
  const quietly = (p: Promise<unknown>) =>
    p.then(
      () => {},
      () => {},
    );

  return {
    setTrackSid(sid: string) {
      trackSid = sid;
    },
    transcript(m: TranscriptMessage): Promise<void> {
      const n = ++seq;
      latest.set(m.utteranceId, n);
      chain = chain.then(async () => {
        if (!m.isFinal && latest.get(m.utteranceId) !== n) return;
        if (m.isFinal) latest.delete(m.utteranceId);
        await quietly(
          send(m.text, {
            topic: TRANSCRIPTION_TOPIC,
            attributes: {
              [TRANSCRIPTION_ATTR.segmentId]: m.utteranceId,
              [TRANSCRIPTION_ATTR.trackId]: trackSid,
              [TRANSCRIPTION_ATTR.final]: String(m.isFinal),
            },
          }),
        );
      });
      return chain;
    },
    translation(m: TranslationMessage): Promise<void> {
      chain = chain.then(() =>
        quietly(
          send(m.text, {
            topic: TRANSLATION_TOPIC,
            attributes: {
              [TRANSLATION_ATTR.segmentId]: m.utteranceId,
              [TRANSLATION_ATTR.language]: m.language,
              [TRANSLATION_ATTR.trackId]: trackSid,
            },
          }),
        ),
      );
      return chain;
    },
  };
}

const MAX_LINES = 2000;

/** This participant's own lines with transcript `m` in place: an update keeps its line's first time. */
export function withOwnLine(
  prev: CaptionLine[],
  m: TranscriptMessage,
  speaker: { identity: string; name: string },
  now: number,
): CaptionLine[] {
  const i = prev.findIndex((l) => l.id === m.utteranceId);
  const line: CaptionLine = {
    key: lineKey(speaker.identity, m.utteranceId),
    id: m.utteranceId,
    speakerIdentity: speaker.identity,
    speakerName: speaker.name,
    text: m.text,
    final: m.isFinal,
    at: i >= 0 ? prev[i]!.at : now,
    updatedAt: now,
    local: true,
  };
  if (i >= 0) return prev.map((l, j) => (j === i ? line : l));
  return [...prev, line].slice(-MAX_LINES);
}
