/**
 * Transcript downloads: pure formatters from session-timed segments to TXT, WebVTT, SRT, JSON and
 * Markdown. Times here are relative to the session's start (see `sessionTimeline`).
 */

export const EXPORT_FORMATS = ["txt", "vtt", "srt", "json", "md"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A stored final as read for the page and the exports (times within its own stream). */
export type StoredSegment = {
  id: string;
  text: string;
  /** Offsets within the speaker's stream, as the provider reported them (either may be null). */
  streamStartMs: number | null;
  streamEndMs: number | null;
  createdAt: Date;
  language: string | null;
  participantId: string | null;
  speakerName: string | null;
  speakerIdentity: string | null;
  /** Read in a translation: `text` and `language` are the translation's, this the original text. */
  original?: string | null;
};

export type TimedSegment = Omit<StoredSegment, "streamStartMs" | "streamEndMs"> & {
  /** Milliseconds from the session's start. */
  startMs: number;
  endMs: number;
};

/** How long a cue stays up when the provider gave no duration. */
export const DEFAULT_CUE_MS = 1500;

/** Offset of one segment from the session's start: when it was stored, less how long it lasted. */
export function sessionOffsetMs(
  origin: Date,
  segment: Pick<StoredSegment, "streamStartMs" | "streamEndMs" | "createdAt">,
): { startMs: number; endMs: number } {
  const { streamStartMs: s, streamEndMs: e } = segment;
  const duration = s !== null && e !== null && e > s ? e - s : 0;
  // A final is stored within a few hundred ms of being spoken; its own stream offsets cannot be
  // used directly, since each reconnect starts a new stream at 0.
  const startMs = Math.max(0, segment.createdAt.getTime() - origin.getTime() - duration);
  return { startMs, endMs: startMs + (duration || DEFAULT_CUE_MS) };
}

/**
 * Session-relative times for segments in speaking order. Caption formats need starts that never
 * go back and ends after starts, so each start is at least the previous one.
 */
export function sessionTimeline(origin: Date, segments: StoredSegment[]): TimedSegment[] {
  let previous = 0;
  return segments.map((segment) => {
    const { startMs, endMs } = sessionOffsetMs(origin, segment);
    const start = Math.max(previous, startMs);
    previous = start;
    return { ...speakerFields(segment), startMs: start, endMs: start + (endMs - startMs) };
  });
}

/** A segment without its stream offsets, which mean nothing outside their stream. */
export function speakerFields(s: StoredSegment): Omit<StoredSegment, "streamStartMs" | "streamEndMs"> {
  return {
    id: s.id,
    text: s.text,
    createdAt: s.createdAt,
    language: s.language,
    participantId: s.participantId,
    speakerName: s.speakerName,
    speakerIdentity: s.speakerIdentity,
    ...(s.original != null && { original: s.original }),
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function clock(ms: number, separator: "." | ",") {
  const total = Math.max(0, Math.floor(ms));
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor(total / 60_000) % 60;
  const s = Math.floor(total / 1000) % 60;
  return `${pad(h)}:${pad(m)}:${pad(s)}${separator}${pad(total % 1000, 3)}`;
}

/** WebVTT timestamp `hh:mm:ss.mmm`. */
export const vttTime = (ms: number) => clock(ms, ".");
/** SRT timestamp `hh:mm:ss,mmm`. */
export const srtTime = (ms: number) => clock(ms, ",");

/** Offset for people: `mm:ss`, or `h:mm:ss` past the first hour. */
export function offsetLabel(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor(total / 60) % 60;
  const s = total % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

/** A moment typed by a person, `mm:ss`, `h:mm:ss` or plain seconds, to ms; null when it is none. */
export function parseMoment(value: string): number | null {
  const trimmed = value.trim();
  if (!/^\d{1,6}(:\d{1,2}){0,2}$/.test(trimmed)) return null;
  const parts = trimmed.split(":").map(Number);
  if (parts.some((p, i) => i > 0 && p > 59)) return null;
  return parts.reduce((acc, p) => acc * 60 + p, 0) * 1000;
}

/** One line: a cue or a TXT line must not break, and a blank line would end a cue early. */
const oneLine = (text: string) => text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, " ").trim();

const speakerOf = (s: TimedSegment) => oneLine(s.speakerName ?? "") || "Unknown speaker";

/** Segments with something to show; an empty final has no cue. */
const spoken = (segments: TimedSegment[]) => segments.filter((s) => oneLine(s.text) !== "");

export const escapeVtt = (text: string) =>
  oneLine(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function toVtt(segments: TimedSegment[]): string {
  const cues = spoken(segments).map(
    (s, i) =>
      `${i + 1}\n${vttTime(s.startMs)} --> ${vttTime(s.endMs)}\n<v ${escapeVtt(speakerOf(s))}>${escapeVtt(s.text)}`,
  );
  return `WEBVTT\n\n${cues.map((c) => `${c}\n\n`).join("")}`;
}

/** SRT has no escapes; an arrow inside the text would read as a timing line to some parsers. */
const srtText = (text: string) => oneLine(text).replace(/-->/g, "->");

export function toSrt(segments: TimedSegment[]): string {
  return spoken(segments)
    .map(
      (s, i) =>
        `${i + 1}\n${srtTime(s.startMs)} --> ${srtTime(s.endMs)}\n${srtText(speakerOf(s))}: ${srtText(s.text)}\n\n`,
    )
    .join("");
}

export function toTxt(segments: TimedSegment[], title: string): string {
  const lines = spoken(segments).map(
    (s) => `[${offsetLabel(s.startMs)}] ${speakerOf(s)}: ${oneLine(s.text)}`,
  );
  return `${oneLine(title)}\n\n${lines.join("\n")}\n`;
}

/**
 * Every ASCII punctuation character CommonMark lets a backslash escape that could format text. A
 * dot only formats after a line's leading digits ("1. " starts a list), so figures keep theirs
 * ("$2.5 million", "3.5%"); "$", "%", "," and ":" never format and stay as stored.
 */
export const escapeMarkdown = (text: string) =>
  oneLine(text)
    .replace(/[\\`*_{}[\]()#+\-!|<>~&]/g, "\\$&")
    .replace(/^(\d+)\./, "$1\\.");

/** Markdown: one paragraph per speaker turn, headed by the speaker and the turn's start. */
export function toMarkdown(segments: TimedSegment[], title: string): string {
  const out = [`# ${escapeMarkdown(title)}`, ""];
  const shown = spoken(segments);
  const turnOf = (s: TimedSegment) => s.participantId ?? speakerOf(s);
  shown.forEach((s, i) => {
    if (i === 0 || turnOf(shown[i - 1]!) !== turnOf(s)) {
      out.push(`**${escapeMarkdown(speakerOf(s))}** · ${offsetLabel(s.startMs)}`, "");
    }
    const turnEnds = i === shown.length - 1 || turnOf(shown[i + 1]!) !== turnOf(s);
    // Two trailing spaces: a line break inside the speaker's paragraph.
    out.push(turnEnds ? escapeMarkdown(s.text) : `${escapeMarkdown(s.text)}  `);
    if (turnEnds) out.push("");
  });
  return `${out.join("\n").trimEnd()}\n`;
}

export function toJson(
  segments: TimedSegment[],
  session: { slug: string; title: string; startedAt: Date | null },
): string {
  return JSON.stringify(
    {
      session: {
        slug: session.slug,
        title: session.title,
        startedAt: session.startedAt?.toISOString() ?? null,
      },
      segments: segments.map((s) => ({
        id: s.id,
        startMs: s.startMs,
        endMs: s.endMs,
        speaker: { name: s.speakerName, identity: s.speakerIdentity, participantId: s.participantId },
        text: s.text,
        language: s.language,
        ...(s.original != null && { original: s.original }),
        createdAt: s.createdAt.toISOString(),
      })),
    },
    null,
    2,
  );
}

export const EXPORT_TYPES: Record<ExportFormat, string> = {
  txt: "text/plain; charset=utf-8",
  vtt: "text/vtt; charset=utf-8",
  srt: "application/x-subrip; charset=utf-8",
  json: "application/json; charset=utf-8",
  md: "text/markdown; charset=utf-8",
};

export function formatTranscript(
  format: ExportFormat,
  segments: TimedSegment[],
  session: { slug: string; title: string; startedAt: Date | null },
): string {
  switch (format) {
    case "vtt":
      return toVtt(segments);
    case "srt":
      return toSrt(segments);
    case "txt":
      return toTxt(segments, session.title);
    case "md":
      return toMarkdown(segments, session.title);
    case "json":
      return toJson(segments, session);
  }
}
