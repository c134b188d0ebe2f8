import type { SpeakerStats } from "@/lib/db/schema/analysis";
import { words } from "./text";

// 150 words a minute: conversational English, used when a segment has no timing.
const WORDS_PER_SECOND = 2.5;

type Seg = {
  participantId: string | null;
  speakerName: string;
  text: string;
  startMs: number | null;
  endMs: number | null;
};

/** Per speaker: seconds spoken (timing, else a word-rate estimate), words, and share of the total. */
export function talkTime(segments: Seg[]): SpeakerStats[] {
  const bySpeaker = new Map<
    string,
    { participantId: string; name: string; seconds: number; words: number }
  >();
  for (const seg of segments) {
    // A segment without a participant (imported, or a guest gone) still counts, keyed by its name.
    const id = seg.participantId ?? `name:${seg.speakerName}`;
    const entry = bySpeaker.get(id) ?? { participantId: id, name: seg.speakerName, seconds: 0, words: 0 };
    const count = words(seg.text).length;
    const timed = seg.startMs !== null && seg.endMs !== null && seg.endMs >= seg.startMs;
    entry.seconds += timed ? (seg.endMs! - seg.startMs!) / 1000 : count / WORDS_PER_SECOND;
    entry.words += count;
    bySpeaker.set(id, entry);
  }
  const list = [...bySpeaker.values()];
  const totalSeconds = list.reduce((a, s) => a + s.seconds, 0);
  const totalWords = list.reduce((a, s) => a + s.words, 0);
  return list
    .map((s) => ({
      ...s,
      seconds: Math.round(s.seconds * 10) / 10,
      share:
        totalSeconds > 0 ? s.seconds / totalSeconds : totalWords > 0 ? s.words / totalWords : 1 / list.length,
    }))
    .sort((a, b) => b.share - a.share);
}
