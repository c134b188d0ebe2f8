import type { Executor } from "@/lib/db/client";
import { deleteWebhookEventsBefore } from "../infra/webhook-event-repository";

export type PruneLimits = { retentionMs: number; batchSize: number; maxBatches: number };

/**
 * Forgets applied LiveKit webhook ids older than the retention. They only serve to drop a
 * redelivery, and LiveKit redelivers for minutes at most (its notifier drops an event queued for
 * more than 30 s and retries a failed POST a few times); so days of retention lose nothing. Deletes
 * in batches, at most `maxBatches` a run, so a backlog is worked off over several runs rather than
 * in one long statement; stops early when the abort signal fires.
 */
export async function pruneWebhookEvents(
  db: Executor,
  limits: PruneLimits,
  opts: { now?: Date; signal?: AbortSignal } = {},
): Promise<number> {
  const cutoff = new Date((opts.now ?? new Date()).getTime() - limits.retentionMs);
  let deleted = 0;
  for (let batch = 0; batch < limits.maxBatches && !opts.signal?.aborted; batch++) {
    const n = await deleteWebhookEventsBefore(db, cutoff, limits.batchSize);
    deleted += n;
    if (n < limits.batchSize) break;
  }
  return deleted;
}
