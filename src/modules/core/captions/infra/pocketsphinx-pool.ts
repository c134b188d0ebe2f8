/** What placement knows of a worker slot: null when no worker runs there yet. */
export type WorkerLoad = { queuedMs: number; streams: number } | null;

/**
 * Where a new stream goes: the worker with the least queued audio (what its streams wait on), ties
 * broken by fewer streams so idle connections still spread; an empty slot counts as an idle worker
 * (the caller starts one there). null when even the least loaded worker has more than `busyMs`
 * queued: the machine is past its capacity and the stream gets "captions busy" instead.
 */
export function placeStream(loads: readonly WorkerLoad[], busyMs: number): number | null {
  let best = -1;
  let bestLoad = { queuedMs: Infinity, streams: Infinity };
  loads.forEach((l, i) => {
    const load = l ?? { queuedMs: 0, streams: 0 };
    if (
      load.queuedMs < bestLoad.queuedMs ||
      (load.queuedMs === bestLoad.queuedMs && load.streams < bestLoad.streams)
    ) {
      best = i;
      bestLoad = load;
    }
  });
  if (best < 0 || bestLoad.queuedMs > busyMs) return null;
  return best;
}
