type Timed = { id: string; createdAt: Date; startMs: number | null; endMs: number | null };

/**
 * Segments as they were said: by `(created_at, id)`, as the call and the transcript page order them.
 * `start_ms` cannot order them: it is an offset within each caption stream, which restarts at 0 for
 * every participant and every reconnect.
 */
export function inSpokenOrder<T extends Timed>(segments: readonly T[]): T[] {
  return [...segments].sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** When a segment began on the session's clock: finals are stored as soon as they are said. */
export function sessionOffsetMs(segment: Timed, origin: Date): number {
  const duration = segment.startMs !== null && segment.endMs !== null ? segment.endMs - segment.startMs : 0;
  return Math.max(0, segment.createdAt.getTime() - origin.getTime() - Math.max(0, duration));
}
