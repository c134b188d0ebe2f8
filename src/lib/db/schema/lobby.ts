import { index, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";
import { videoSessions } from "./sessions";

const tz = { withTimezone: true } as const;

export const knockStatus = pgEnum("knock_status", ["WAITING", "ADMITTED", "DENIED", "CANCELLED"]);

/**
 * A guest asking to be let into a call (the lobby): one row per guest (cookie id) per session; the
 * host or a space admin decides. The name is what the guest typed and is only ever shown as a guest's.
 */
export const lobbyKnocks = pgTable(
  "lobby_knocks",
  {
    id: uuid().primaryKey().defaultRandom(),
    videoSessionId: uuid()
      .notNull()
      .references(() => videoSessions.id, { onDelete: "cascade" }),
    guestId: uuid().notNull(),
    displayName: text().notNull(),
    status: knockStatus().notNull().default("WAITING"),
    createdAt: timestamp(tz).notNull().defaultNow(),
    decidedAt: timestamp(tz),
    decidedByUserId: uuid().references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [unique().on(t.videoSessionId, t.guestId), index().on(t.videoSessionId, t.status)],
);
