import type { Executor } from "@/lib/db/client";
import {
  insertFinalSegments,
  insertSegmentTranslations,
  type NewSegment,
  type NewTranslation,
} from "./segment-repository";

export type PendingSegment = NewSegment & {
  /**
   * Called once the segment is durably stored (or was already): the ws connection sends `ack`.
   * Called once per distinct function however often the same key was added with it.
   */
  onStored?: (utteranceId: string) => void;
};

/** One pending key: its row (the first one added) and everyone waiting for it to be stored. */
type Entry = { row: NewSegment; listeners: Set<(utteranceId: string) => void> };

export type WriterOptions = {
  flushIntervalMs: number;
  maxBatch: number;
  highWater: number;
  maxPending: number;
  /** Delay before the n-th consecutive retry after a failed flush. */
  backoffMs: (attempt: number) => number;
  /** Metrics/logging hooks; never given transcript text. */
  observer?: {
    flushed?(rows: number, ms: number): void;
    failed?(err: unknown, attempt: number): void;
    pressure?(saturated: boolean): void;
  };
};

/**
 * Batches final segments from every connection into one multi-row upsert every
 * `flushIntervalMs` (at once when `maxBatch` are waiting). A failed flush keeps its items and is
 * retried with backoff; above `highWater` pending the writer reports pressure (the server stops
 * reading audio), and above `maxPending` it refuses new segments (their clients keep them unacked
 * and re-send them later), so memory stays bounded while the database is away. Translations of
 * finals ride in the same flush, written after its segments.
 */
export function createSegmentWriter(db: Executor, opts: WriterOptions) {
  // One entry per session + utterance: a re-sent final already waiting is not queued twice (a
  // flood of copies costs one row and one listener per socket), and a multi-row upsert must not
  // name the same key twice.
  let pending = new Map<string, Entry>();
  // Keyed by session + utterance + language; a later text for the same key replaces the earlier.
  let translations = new Map<string, NewTranslation>();
  let inFlight = 0;
  let running = false;
  let draining = false;
  let saturated = false;
  let wake: (() => void) | null = null;
  let idleWaiters: (() => void)[] = [];

  const size = () => pending.size + translations.size + inFlight;
  const waiting = () => pending.size + translations.size;
  const urgent = () => pending.size >= opts.maxBatch || draining;

  const setPressure = () => {
    const now = size() >= opts.highWater;
    if (now !== saturated) {
      saturated = now;
      opts.observer?.pressure?.(now);
    }
  };

  const sleep = (ms: number, wakeable: boolean) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        if (wake === done) wake = null;
        resolve();
      }
      if (wakeable) wake = done;
    });

  const take = () => {
    const batch: Entry[] = [];
    for (const [key, entry] of pending) {
      if (batch.length >= opts.maxBatch) break;
      batch.push(entry);
      pending.delete(key);
    }
    return batch;
  };

  const takeTranslations = () => {
    const batch: NewTranslation[] = [];
    for (const [key, t] of translations) {
      if (batch.length >= opts.maxBatch) break;
      batch.push(t);
      translations.delete(key);
    }
    return batch;
  };

  async function loop() {
    let attempt = 0;
    try {
      while (waiting() > 0) {
        if (!urgent()) await sleep(opts.flushIntervalMs, true);
        const batch = take();
        const translated = takeTranslations();
        inFlight = batch.length + translated.length;
        const started = performance.now();
        try {
          await insertFinalSegments(
            db,
            batch.map((e) => e.row),
          );
          await insertSegmentTranslations(db, translated);
          inFlight = 0;
          attempt = 0;
          opts.observer?.flushed?.(batch.length, performance.now() - started);
          for (const e of batch) for (const stored of e.listeners) stored(e.row.utteranceId);
        } catch (err) {
          inFlight = 0;
          // Back in front of newer items, keeping every callback.
          const newer = pending;
          pending = new Map(batch.map((e) => [keyOf(e.row), e]));
          for (const [key, e] of newer) {
            const first = pending.get(key);
            if (!first) pending.set(key, e);
            else for (const stored of e.listeners) first.listeners.add(stored);
          }
          const newerTranslations = translations;
          translations = new Map(translated.map((t) => [translationKey(t), t]));
          for (const [key, t] of newerTranslations) translations.set(key, t);
          opts.observer?.failed?.(err, attempt);
          await sleep(opts.backoffMs(attempt++), false);
        }
        setPressure();
      }
    } finally {
      running = false;
      draining = false;
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  const kick = () => {
    if (!running) {
      running = true;
      void loop();
    } else if (urgent()) wake?.();
  };

  return {
    /** Queues a final; false when the writer is full (the caller's client keeps it and re-sends it). */
    add(item: PendingSegment): boolean {
      const { onStored, ...row } = item;
      const key = keyOf(row);
      const same = pending.get(key);
      if (same) {
        if (onStored) same.listeners.add(onStored);
        return true;
      }
      if (size() >= opts.maxPending) return false;
      pending.set(key, { row, listeners: new Set(onStored ? [onStored] : []) });
      setPressure();
      kick();
      return true;
    },
    /** Queues a translation of a final; false when the writer is full (it is then not stored). */
    addTranslation(item: NewTranslation): boolean {
      const key = translationKey(item);
      if (!translations.has(key) && size() >= opts.maxPending) return false;
      translations.set(key, item);
      setPressure();
      kick();
      return true;
    },
    get pending() {
      return size();
    },
    get saturated() {
      return saturated;
    },
    /** Flushes without waiting for the interval, retrying until stored; resolves when nothing is left. */
    drain(): Promise<void> {
      draining = true;
      if (size() === 0 && !running) return Promise.resolve();
      const idle = new Promise<void>((resolve) => idleWaiters.push(resolve));
      kick();
      return idle;
    },
  };
}

const keyOf = (s: NewSegment) => `${s.videoSessionId}\u0000${s.utteranceId}`;
const translationKey = (t: NewTranslation) => `${t.videoSessionId}\u0000${t.utteranceId}\u0000${t.language}`;

export type SegmentWriter = ReturnType<typeof createSegmentWriter>;
