/**
 * Mapping between the transcript and a recording's file. Transcript times are offsets from the
 * session's origin (its start; `sessionOffsetMs`: when a final was stored minus how long it ran).
 * A recording's file starts at its `startedAt` (the recorder's "started" report: when it began
 * writing), so a segment said at `origin + offsetMs` sits at `origin + offsetMs − startedAt` into
 * the file. All times are epoch milliseconds unless the name says seconds.
 */
export type PlayableRecording = {
  id: string;
  startedAtMs: number;
  durationMs: number;
};

/** Where in the file (seconds) a segment at `offsetMs` was said, or null when it is outside it. */
export function positionOf(rec: PlayableRecording, originMs: number, offsetMs: number): number | null {
  const intoFile = originMs + offsetMs - rec.startedAtMs;
  // A line begun just before the recording started still plays from the file's first second.
  if (intoFile < -2000 || intoFile > rec.durationMs) return null;
  return Math.max(0, intoFile) / 1000;
}

/** The transcript offset being heard at `seconds` into the file. */
export const offsetAt = (rec: PlayableRecording, originMs: number, seconds: number): number =>
  rec.startedAtMs + seconds * 1000 - originMs;

/** The recording that holds the moment, else null; the first of several that overlap. */
export function recordingFor<R extends PlayableRecording>(
  recs: readonly R[],
  originMs: number,
  offsetMs: number,
): R | null {
  return recs.find((r) => positionOf(r, originMs, offsetMs) !== null) ?? null;
}

/**
 * The segment being heard: the last one begun at or before `offsetMs` (offsets ascending, as the
 * transcript lists them), or -1 before the first. Binary search: a page holds 200 segments and
 * this runs on every `timeupdate`.
 */
export function segmentIndexAt(offsets: readonly number[], offsetMs: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid]! <= offsetMs) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
