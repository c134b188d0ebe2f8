import { randomUUID } from "node:crypto";
import { inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { webhookEvents } from "@/lib/db/schema/webhooks";
import { pruneWebhookEvents } from "@/modules/core/sessions/application/prune-webhook-events";

const DAY = 24 * 60 * 60_000;
// Far older than any row another test writes into the shared table, so the counts are this test's.
const RETENTION_DAYS = 7_000;

describe("webhook_events retention (issue 14 defect 10)", () => {
  it("deletes ids older than the retention in bounded batches and keeps recent ones", async () => {
    const now = new Date();
    const run = randomUUID().slice(0, 8);
    const row = (i: number, ageDays: number) => ({
      id: `EV_${run}_${i}`,
      event: "participant_joined",
      receivedAt: new Date(now.getTime() - ageDays * DAY - i * 1000),
    });
    const old = Array.from({ length: 25 }, (_, i) => row(i, RETENTION_DAYS + 1 + i / 10));
    const recent = [row(100, RETENTION_DAYS - 0.1), row(101, 0)];
    await getDb()
      .insert(webhookEvents)
      .values([...old, ...recent]);
    const mine = async () =>
      (
        await getDb()
          .select({ id: webhookEvents.id })
          .from(webhookEvents)
          .where(
            inArray(
              webhookEvents.id,
              [...old, ...recent].map((r) => r.id),
            ),
          )
      )
        .map((r) => r.id)
        .sort();

    const limits = { retentionMs: RETENTION_DAYS * DAY, batchSize: 10, maxBatches: 2 };
    // One run deletes at most batchSize × maxBatches rows, the oldest first.
    const first = await pruneWebhookEvents(getDb(), limits, { now });
    expect(first).toBe(20);
    const left = await mine();
    expect(left).toHaveLength(7);
    for (const r of recent) expect(left).toContain(r.id);
    // The next run finishes the backlog and stops at the first short batch.
    expect(await pruneWebhookEvents(getDb(), limits, { now })).toBe(5);
    expect(await mine()).toEqual(recent.map((r) => r.id).sort());
    expect(await pruneWebhookEvents(getDb(), limits, { now })).toBe(0);
  });

  it("stops between batches once its run is abandoned", async () => {
    const controller = new AbortController();
    controller.abort();
    const limits = { retentionMs: 7 * DAY, batchSize: 10, maxBatches: 5 };
    expect(await pruneWebhookEvents(getDb(), limits, { signal: controller.signal })).toBe(0);
  });
});
