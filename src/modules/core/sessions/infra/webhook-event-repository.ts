import { sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { webhookEvents } from "@/lib/db/schema/webhooks";

/**
 * Deletes at most `limit` webhook ids received before `cutoff`, oldest first; returns how many.
 * One bounded statement, so a large backlog never holds a long lock or a long transaction.
 */
export async function deleteWebhookEventsBefore(db: Executor, cutoff: Date, limit: number): Promise<number> {
  const result = await db.execute(sql`
    delete from ${webhookEvents} where ${webhookEvents.id} in (
      select ${webhookEvents.id} from ${webhookEvents}
      where ${webhookEvents.receivedAt} < ${cutoff.toISOString()}
      order by ${webhookEvents.receivedAt}
      limit ${limit})`);
  return result.rowCount ?? 0;
}
