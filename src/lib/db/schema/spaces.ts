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

/**
 * A pending invitation to join a space, addressed to an email. Accepting, declining and revoking
 * delete the row; re-inviting the same address refreshes it (one row per space and address).
 */
export const spaceInvitations = pgTable(
  "space_invitations",
  {
    id: uuid().primaryKey().defaultRandom(),
    spaceId: uuid()
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    /** Lower-cased. */
    email: text().notNull(),
    role: spaceRole().notNull().default("MEMBER"),
    invitedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp(tz).notNull().defaultNow(),
    expiresAt: timestamp(tz).notNull(),
  },
  (t) => [unique().on(t.spaceId, t.email), index().on(t.email)],
);

/**
 * A space's one invite link (replacing it deletes the row and makes a new token). The token is
 * stored as is, not hashed: owners and admins copy the link again whenever they need it, and 256
 * random bits cannot be guessed; revoking is deleting.
 */
export const spaceInviteLinks = pgTable("space_invite_links", {
  spaceId: uuid()
    .primaryKey()
    .references(() => spaces.id, { onDelete: "cascade" }),
  token: text().notNull().unique(),
  role: spaceRole().notNull().default("MEMBER"),
  createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp(tz).notNull().defaultNow(),
});
