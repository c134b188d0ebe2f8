import { TRANSCRIPTION_ATTR, TRANSCRIPTION_TOPIC, TRANSLATION_ATTR } from "../call/room-protocol";

/**
 * Other participants' caption and translation text streams, admitted or dropped as they arrive.
 * Utterance ids are unique per speaker only, and a stream's attributes are whatever its sender
 * wrote: so a stream is keyed by the sender LiveKit authenticated plus its segment id, it must
 * name a microphone track that very sender publishes, and it is labelled with the name the server
 * gave the sender (in its token), never with anything from the stream itself.
 */

/** The sender as this client's room knows it (LiveKit's participant for the stream's sender). */
export type Sender = { identity: string; name: string; audioTrackSids: readonly string[] };

export type LiveText = {
  /** Sender + segment (+ language for a translation): one entry per line. */
  key: string;
  sender: { identity: string; name: string };
  segmentId: string;
  /** Translations only. */
  language?: string;
  final: boolean;
  text: string;
  /** This client's clock: the sender's own stream timestamp is not trusted for order or age. */
  receivedAt: number;
};

// Ours are UUID-sized utterance ids and BCP-47 codes; anything far longer is not one of ours.
const MAX_SEGMENT_ID = 200;
const MAX_LANGUAGE = 35;
/** A long call's lines are kept, but not without bound: the oldest go first. */
const MAX_TEXTS = 5000;

/** The key of a caption line: utterance ids only mean something together with their speaker. */
export const lineKey = (identity: string, segmentId: string) => JSON.stringify([identity, segmentId]);

/**
 * What a new stream on `topic` with these attributes from `sender` is, or null to ignore it:
 * an unknown sender, no or an overlong segment id, a track id that is not one of the sender's own
 * microphone tracks, or a translation without a language.
 */
export function admitLiveText(
  topic: string,
  attributes: Readonly<Record<string, string>> | undefined,
  sender: Sender | undefined,
): Omit<LiveText, "text" | "receivedAt"> | null {
  if (!sender || !attributes) return null;
  const attr = topic === TRANSCRIPTION_TOPIC ? TRANSCRIPTION_ATTR : TRANSLATION_ATTR;
  const segmentId = attributes[attr.segmentId];
  if (!segmentId || segmentId.length > MAX_SEGMENT_ID) return null;
  const track = attributes[attr.trackId];
  if (!track || !sender.audioTrackSids.includes(track)) return null;
  const who = { identity: sender.identity, name: sender.name || sender.identity };
  if (topic === TRANSCRIPTION_TOPIC) {
    const final = attributes[TRANSCRIPTION_ATTR.final] === "true";
    return { key: lineKey(sender.identity, segmentId), sender: who, segmentId, final };
  }
  const language = attributes[TRANSLATION_ATTR.language];
  if (!language || language.length > MAX_LANGUAGE) return null;
  const key = JSON.stringify([sender.identity, segmentId, language]);
  return { key, sender: who, segmentId, language, final: true };
}

/**
 * `byKey` with `next` in it (a new Map: React state). Each update of a line is a new stream, sent
 * in order by the speaker's client, so the latest wins; except that a final is never replaced by a
 * partial arriving late.
 */
export function withLiveText(
  byKey: ReadonlyMap<string, LiveText>,
  next: LiveText,
): ReadonlyMap<string, LiveText> {
  if (byKey.get(next.key)?.final && !next.final) return byKey;
  const out = new Map(byKey);
  out.set(next.key, next);
  // A Map iterates in insertion order, and an update keeps its line's place: the first is the oldest.
  if (out.size > MAX_TEXTS) out.delete(out.keys().next().value!);
  return out;
}
