import { boolean, index, integer, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";
import { spaces } from "./spaces";

const tz = { withTimezone: true } as const;

export const videoSessionStatus = pgEnum("video_session_status", ["CREATED", "LIVE", "ENDED"]);
export const participantRole = pgEnum("participant_role", ["HOST", "GUEST"]);

export const videoSessions = pgTable(
  "video_sessions",
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull().unique(),
    spaceId: uuid()
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    createdByUserId: uuid()
      .notNull()
      .references(() => users.id),
    title: text().notNull(),
    status: videoSessionStatus().notNull().default("CREATED"),
    maxParticipants: integer(),
    transcriptionEnabled: boolean().notNull().default(true),
    transcriptionLanguage: text().notNull().default("en"),
    allowGuests: boolean().notNull().default(false),
    /** Every anonymous guest asks to join (the lobby) instead of walking in; the host may change it in the call. */
    guestsKnock: boolean().notNull().default(false),
    /** The host lets the space's members (not only the participants) open the transcript. */
    transcriptShared: boolean().notNull().default(false),
    /** Chosen when the session is created: a host who says no cannot be overruled during the call. */
    recordingAllowed: boolean().notNull().default(true),
    createdAt: timestamp(tz).notNull().defaultNow(),
    startedAt: timestamp(tz),
    endedAt: timestamp(tz),
    lastActivityAt: timestamp(tz).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.spaceId),
    index().on(t.createdByUserId),
    index().on(t.status),
    index().on(t.lastActivityAt),
  ],
);

export const participants = pgTable(
  "participants",
  {
    id: uuid().primaryKey().defaultRandom(),
    videoSessionId: uuid()
      .notNull()
      .references(() => videoSessions.id, { onDelete: "cascade" }),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    // LiveKit participant identity; stable per person per session.
    identity: text().notNull(),
    displayName: text().notNull(),
    role: participantRole().notNull().default("GUEST"),
    joinedAt: timestamp(tz).notNull().defaultNow(),
    // The latest join: a seat is held this long for someone who has not connected to the room yet.
    lastJoinedAt: timestamp(tz).notNull().defaultNow(),
    leftAt: timestamp(tz),
    // Removed by the host: no new join or media token for this identity in this session.
    removedAt: timestamp(tz),
  },
  (t) => [unique().on(t.videoSessionId, t.identity), index().on(t.videoSessionId), index().on(t.userId)],
);
