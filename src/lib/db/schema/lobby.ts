import { sql } from "drizzle-orm";
import { check, index, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";
import { videoSessions } from "./sessions";

const tz = { withTimezone: true } as const;

export const knockStatus = pgEnum("knock_status", ["WAITING", "ADMITTED", "DENIED", "CANCELLED"]);

/**
 * Someone outside the session's space asking to be let into a call (the lobby): one row per
 * knocker per session, an anonymous guest by cookie id or a signed-in outsider by account; the host
 * or a space admin decides. A guest's name is what they typed, an account's is the account name;
 * either is only ever shown as a guest's.
 */
export const lobbyKnocks = pgTable(
  "lobby_knocks",
  {
    id: uuid().primaryKey().defaultRandom(),
    videoSessionId: uuid()
      .notNull()
      .references(() => videoSessions.id, { onDelete: "cascade" }),
    guestId: uuid(),
    userId: uuid().references(() => users.id, { onDelete: "cascade" }),
    displayName: text().notNull(),
    status: knockStatus().notNull().default("WAITING"),
    createdAt: timestamp(tz).notNull().defaultNow(),
    decidedAt: timestamp(tz),
    decidedByUserId: uuid().references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    unique().on(t.videoSessionId, t.guestId),
    unique().on(t.videoSessionId, t.userId),
    check("lobby_knocks_one_knocker", sql`num_nonnulls(${t.guestId}, ${t.userId}) = 1`),
    index().on(t.videoSessionId, t.status),
  ],
);
