import { boolean, pgTable, text, timestamp } from "drizzle-orm/pg-core";

const tz = { withTimezone: true } as const;

/**
 * The speech recognizer each running ws process actually serves, refreshed while it runs: the web
 * process offers the caption languages these can do, not the ones its own env would choose (a ws
 * process whose Whisper model failed to load serves PocketSphinx, English only).
 */
export const captionRecognizers = pgTable("caption_recognizers", {
  /** host:pid of the ws process. */
  instance: text().primaryKey(),
  /** CaptionEngine: gladia, whisper, pocketsphinx, none, null. */
  engine: text().notNull(),
  languages: text().array().notNull(),
  autoDetect: boolean().notNull(),
  seenAt: timestamp(tz).notNull().defaultNow(),
});
