import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

const tz = { withTimezone: true } as const;

/** Ids of LiveKit webhook deliveries already applied, so a redelivery changes nothing. */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: text().primaryKey(),
    event: text().notNull(),
    receivedAt: timestamp(tz).notNull().defaultNow(),
  },
  // The retention job deletes the oldest rows in batches.
  (t) => [index().on(t.receivedAt)],
);
