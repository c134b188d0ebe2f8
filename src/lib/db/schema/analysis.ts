import { jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { videoSessions } from "./sessions";

const tz = { withTimezone: true } as const;

export const analysisStatus = pgEnum("analysis_status", ["PENDING", "RUNNING", "DONE", "FAILED"]);

export const sessionAnalyses = pgTable("session_analyses", {
  id: uuid().primaryKey().defaultRandom(),
  videoSessionId: uuid()
    .notNull()
    .unique()
    .references(() => videoSessions.id, { onDelete: "cascade" }),
  status: analysisStatus().notNull().default("PENDING"),
  summary: text(),
  keyPoints: jsonb().$type<string[]>(),
  actionItems: jsonb().$type<{ text: string; assignee?: string }[]>(),
  talkTime: jsonb().$type<{ participantId: string; seconds: number }[]>(),
  model: text(),
  error: text(),
  createdAt: timestamp(tz).notNull().defaultNow(),
  updatedAt: timestamp(tz).notNull().defaultNow(),
  completedAt: timestamp(tz),
});
