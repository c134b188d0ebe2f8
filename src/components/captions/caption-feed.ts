import type { StoredSegment } from "@/modules/core/transcripts/api/contract";
import { lineKey, type LiveText } from "./live-text";

/**
 * One ordered list of caption lines from three sources: finals stored before this client joined
 * (GET …/transcript), other participants' live text streams (`lk.transcription`, see
 * live-text.ts), and this client's own transcripts straight from the ws server. Lines are keyed by
 * speaker identity and utterance id (the stream's `lk.segment_id`), so a final seen live and loaded
 * from the database shows once, and nobody's stream can replace another speaker's line.
 */
export type CaptionLine = {
  /** lineKey(speakerIdentity, id). */
  key: string;
  /** The utterance id. */
  id: string;
  speakerIdentity: string;
  speakerName: string;
  text: string;
  final: boolean;
  /** When the line first appeared (ms since epoch): orders lines. */
  at: number;
  /** Its latest change: ages it off the overlay. */
  updatedAt: number;
  local: boolean;
  /** The viewer reads captions in another language, and this line has no translation into it (yet). */
  untranslated?: boolean;
};

/** What the merge reads of a stored final (`GET /api/sessions/[slug]/transcript`). */
type StoredLine = Pick<
  StoredSegment,
  "utteranceId" | "text" | "speakerIdentity" | "speakerName" | "createdAt"
>;

export function fromStored(segments: StoredLine[], localIdentity: string): CaptionLine[] {
  return segments.map((s) => ({
    key: lineKey(s.speakerIdentity ?? "", s.utteranceId),
    id: s.utteranceId,
    speakerIdentity: s.speakerIdentity ?? "",
    speakerName: s.speakerName ?? "",
    text: s.text,
    final: true,
    at: Date.parse(s.createdAt),
    updatedAt: Date.parse(s.createdAt),
    local: s.speakerIdentity === localIdentity,
  }));
}

/** Admitted live caption streams (live-text.ts), each under the name the server gave its sender. */
export function fromStreams(streams: Iterable<LiveText>, localIdentity: string): CaptionLine[] {
  return [...streams].map((s) => ({
    key: lineKey(s.sender.identity, s.segmentId),
    id: s.segmentId,
    speakerIdentity: s.sender.identity,
    speakerName: s.sender.name,
    text: s.text,
    final: s.final,
    at: s.receivedAt,
    updatedAt: s.receivedAt,
    local: s.sender.identity === localIdentity,
  }));
}

/**
 * Later sources win for the same key (a live update over a stored copy is the same words), except
 * that a final is never replaced by a partial that arrives late. Empty partials are dropped.
 * `firstSeen` remembers across calls when each key first appeared: each live update of a line is a
 * new text stream, and a line must not move down the list as it grows.
 */
export function mergeCaptions(firstSeen: Map<string, number>, ...sources: CaptionLine[][]): CaptionLine[] {
  const byKey = new Map<string, CaptionLine>();
  for (const source of sources) {
    for (const line of source) {
      const seen = byKey.get(line.key);
      if (seen?.final && !line.final) continue;
      const at = Math.min(firstSeen.get(line.key) ?? line.at, seen?.at ?? line.at, line.at);
      firstSeen.set(line.key, at);
      byKey.set(line.key, { ...line, at, updatedAt: Math.max(line.updatedAt, seen?.updatedAt ?? 0) });
    }
  }
  return [...byKey.values()]
    .filter((l) => l.final || l.text.trim() !== "")
    .sort((a, b) => a.at - b.at || a.key.localeCompare(b.key));
}

/**
 * The overlay's lines: the newest few that changed within `maxAgeMs`. A partial gets longer, since
 * it is still being spoken, but not forever: a stream cut before its final must not stick.
 */
export function overlayLines(lines: CaptionLine[], now: number, maxAgeMs = 8000, max = 3): CaptionLine[] {
  return lines.filter((l) => now - l.updatedAt <= (l.final ? maxAgeMs : maxAgeMs * 3)).slice(-max);
}

/** A run of consecutive lines of one speaker, shown under their name once. */
export type CaptionGroup = {
  /** The first line's key: stable while the run grows. */
  key: string;
  speakerIdentity: string;
  speakerName: string;
  local: boolean;
  lines: CaptionLine[];
};

/**
 * Consecutive lines of one speaker grouped under one name, as a chat or Meet's captions read:
 * repeating the name on every line costs a caption line's worth of space over the video. By
 * identity, not name: two people may share a name and must not merge.
 */
export function groupBySpeaker(lines: CaptionLine[]): CaptionGroup[] {
  const groups: CaptionGroup[] = [];
  for (const line of lines) {
    const last = groups.at(-1);
    if (last && last.speakerIdentity === line.speakerIdentity) last.lines.push(line);
    else
      groups.push({
        key: line.key,
        speakerIdentity: line.speakerIdentity,
        speakerName: line.speakerName,
        local: line.local,
        lines: [line],
      });
  }
  return groups;
}
