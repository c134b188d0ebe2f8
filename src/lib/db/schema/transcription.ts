import {
  boolean,
  index,
  integer,
  numeric,
  pgTable,
  real,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./identity";
import { participants, videoSessions } from "./sessions";

const tz = { withTimezone: true } as const;

export const transcriptSegments = pgTable(
  "transcript_segments",
  {
    id: uuid().primaryKey().defaultRandom(),
    videoSessionId: uuid()
      .notNull()
      .references(() => videoSessions.id, { onDelete: "cascade" }),
    participantId: uuid().references(() => participants.id, { onDelete: "set null" }),
    // Provider-side id of the utterance; the unique key makes batch upserts idempotent.
    utteranceId: text().notNull(),
    text: text().notNull(),
    language: text(),
    startMs: integer(),
    endMs: integer(),
    confidence: real(),
    isFinal: boolean().notNull().default(true),
    provider: text().notNull(),
    createdAt: timestamp(tz).notNull().defaultNow(),
  },
  (t) => [unique().on(t.videoSessionId, t.utteranceId), index().on(t.videoSessionId)],
);

export const transcriptionUsage = pgTable(
  "transcription_usage",
  {
    id: uuid().primaryKey().defaultRandom(),
    videoSessionId: uuid()
      .notNull()
      .references(() => videoSessions.id, { onDelete: "cascade" }),
    participantId: uuid().references(() => participants.id, { onDelete: "set null" }),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    // One row per participant stream (one ws connection), upserted every few seconds while it runs,
    // so a killed ws process loses seconds of metering at most.
    streamId: uuid().notNull().unique().defaultRandom(),
    provider: text().notNull(),
    audioSeconds: numeric({ precision: 12, scale: 3 }).notNull(),
    billedSeconds: numeric({ precision: 12, scale: 3 }).notNull(),
    costUsd: numeric({ precision: 12, scale: 6 }).notNull(),
    createdAt: timestamp(tz).notNull().defaultNow(),
    updatedAt: timestamp(tz).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.videoSessionId),
    index().on(t.participantId),
    index().on(t.userId),
    index().on(t.createdAt),
  ],
);
