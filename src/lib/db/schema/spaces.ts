import { index, numeric, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";

const tz = { withTimezone: true } as const;

export const spaceRole = pgEnum("space_role", ["OWNER", "ADMIN", "MEMBER"]);

export const spaces = pgTable("spaces", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  /** Monthly transcription budget in USD set by the owners; null = no budget. */
  monthlyTranscriptionBudgetUsd: numeric({ precision: 12, scale: 2 }),
  createdAt: timestamp(tz).notNull().defaultNow(),
  updatedAt: timestamp(tz).notNull().defaultNow(),
});

export const spaceMembers = pgTable(
  "space_members",
  {
    id: uuid().primaryKey().defaultRandom(),
    spaceId: uuid()
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: spaceRole().notNull().default("MEMBER"),
    createdAt: timestamp(tz).notNull().defaultNow(),
  },
  (t) => [unique().on(t.spaceId, t.userId), index().on(t.userId)],
);
