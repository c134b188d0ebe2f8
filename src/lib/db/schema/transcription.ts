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
  (t) => [
    unique().on(t.videoSessionId, t.utteranceId),
    index().on(t.videoSessionId),
    // The transcript page, exports and analyzers read a session's segments in stored order.
    index().on(t.videoSessionId, t.createdAt, t.id),
  ],
);

/**
 * A final segment translated by the provider (Gladia real-time translation), one row per target
 * language. Keyed like the segment it translates, so the writer can store both in one flush.
 */
export const transcriptSegmentTranslations = pgTable(
  "transcript_segment_translations",
  {
    id: uuid().primaryKey().defaultRandom(),
    videoSessionId: uuid()
      .notNull()
      .references(() => videoSessions.id, { onDelete: "cascade" }),
    utteranceId: text().notNull(),
    language: text().notNull(),
    text: text().notNull(),
    provider: text().notNull(),
    createdAt: timestamp(tz).notNull().defaultNow(),
  },
  (t) => [unique().on(t.videoSessionId, t.utteranceId, t.language), index().on(t.videoSessionId)],
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
    // Speech handed to the recognizer that it shed (over its lag bound) or never decoded: counted
    // apart so a host can see what the captions missed, and never billed.
    droppedSeconds: numeric({ precision: 12, scale: 3 }).notNull().default("0"),
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

/**
 * The browser's own account of a caption stream (spec §9.2 client metrics). Kept apart from
 * `transcription_usage`, which the server meters and which alone is billed. Saved repeatedly while
 * the stream runs: one row per (participant, client stream), later saves overwrite earlier ones.
 */
export const transcriptionClientMetrics = pgTable(
  "transcription_client_metrics",
  {
    id: uuid().primaryKey().defaultRandom(),
    videoSessionId: uuid()
      .notNull()
      .references(() => videoSessions.id, { onDelete: "cascade" }),
    participantId: uuid()
      .notNull()
      .references(() => participants.id, { onDelete: "cascade" }),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    /** The client's id for the stream (one per page load of the caption client). */
    clientStreamId: text().notNull(),
    chunksSent: integer().notNull().default(0),
    /** Audio seconds the browser sent (chunks × 160 ms): the numerator of completeness is the server's. */
    audioSecondsSent: numeric({ precision: 12, scale: 3 }).notNull().default("0"),
    transcriptsReceived: integer().notNull().default(0),
    reconnects: integer().notNull().default(0),
    errors: integer().notNull().default(0),
    lastError: text(),
    startedAt: timestamp(tz).notNull(),
    endedAt: timestamp(tz),
    createdAt: timestamp(tz).notNull().defaultNow(),
    updatedAt: timestamp(tz).notNull().defaultNow(),
  },
  (t) => [
    unique().on(t.participantId, t.clientStreamId),
    index().on(t.videoSessionId),
    index().on(t.userId),
    index().on(t.createdAt),
  ],
);
