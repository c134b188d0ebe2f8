/**
 * One ordered list of caption lines from three sources: finals stored before this client joined
 * (GET …/transcript), other participants' live text streams (`lk.transcription`), and this
 * client's own transcripts straight from the ws server. Lines are keyed by utterance id, which is
 * also the stream's `lk.segment_id`, so a final seen live and loaded from the database shows once.
 */
export type CaptionLine = {
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

export type StoredSegment = {
  utteranceId: string;
  text: string;
  speakerIdentity: string | null;
  speakerName: string | null;
  createdAt: string;
  /** Stored translations of this final: language → text. */
  translations?: Record<string, string>;
};

/** What components-react's useTranscriptions hands out, reduced to the fields used here. */
export type StreamedTranscript = {
  text: string;
  participantInfo: { identity: string };
  streamInfo: { id: string; timestamp: number; attributes?: Record<string, string> };
};

export const TRANSCRIPTION_TOPIC = "lk.transcription";
export const ATTR = {
  segmentId: "lk.segment_id",
  trackId: "lk.transcribed_track_id",
  final: "lk.transcription_final",
} as const;

export function fromStored(segments: StoredSegment[], localIdentity: string): CaptionLine[] {
  return segments.map((s) => ({
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

export function fromStreams(
  streams: StreamedTranscript[],
  nameOf: (identity: string) => string,
  localIdentity: string,
): CaptionLine[] {
  return streams
    .filter((s) => s.streamInfo.attributes?.[ATTR.segmentId])
    .map((s) => ({
      id: s.streamInfo.attributes![ATTR.segmentId]!,
      speakerIdentity: s.participantInfo.identity,
      speakerName: nameOf(s.participantInfo.identity),
      text: s.text,
      final: s.streamInfo.attributes?.[ATTR.final] === "true",
      at: s.streamInfo.timestamp,
      updatedAt: s.streamInfo.timestamp,
      local: s.participantInfo.identity === localIdentity,
    }));
}

/**
 * Later sources win for the same id (a live update over a stored copy is the same words), except
 * that a final is never replaced by a partial that arrives late. Empty partials are dropped.
 * `firstSeen` remembers across calls when each id first appeared: each live update of a line is a
 * new text stream with its own timestamp, and a line must not move down the list as it grows.
 */
export function mergeCaptions(firstSeen: Map<string, number>, ...sources: CaptionLine[][]): CaptionLine[] {
  const byId = new Map<string, CaptionLine>();
  for (const source of sources) {
    for (const line of source) {
      const seen = byId.get(line.id);
      if (seen?.final && !line.final) continue;
      const at = Math.min(firstSeen.get(line.id) ?? line.at, seen?.at ?? line.at, line.at);
      firstSeen.set(line.id, at);
      byId.set(line.id, { ...line, at, updatedAt: Math.max(line.updatedAt, seen?.updatedAt ?? 0) });
    }
  }
  return [...byId.values()]
    .filter((l) => l.final || l.text.trim() !== "")
    .sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
}

/**
 * The overlay's lines: the newest few that changed within `maxAgeMs`. A partial gets longer, since
 * it is still being spoken, but not forever: a stream cut before its final must not stick.
 */
export function overlayLines(lines: CaptionLine[], now: number, maxAgeMs = 8000, max = 3): CaptionLine[] {
  return lines.filter((l) => now - l.updatedAt <= (l.final ? maxAgeMs : maxAgeMs * 3)).slice(-max);
}
