import { integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { videoSessions } from "./sessions";

const tz = { withTimezone: true } as const;

export const analysisStatus = pgEnum("analysis_status", ["PENDING", "RUNNING", "DONE", "FAILED"]);

/** A point of the analysis and the transcript segments it came from (its evidence). */
export type EvidencedPoint = { text: string; segmentIds: string[] };
export type ActionItem = EvidencedPoint & {
  /** Stable across re-runs of the analysis: tasks are keyed on it, so a re-run never duplicates them. */
  key: string;
  /** `guest`: a call participant without an account (absent in analyses stored before it existed). */
  owner: { name: string; participantId: string | null; userId: string | null; guest?: boolean } | null;
  /** ISO date (YYYY-MM-DD) when a due date was said. */
  due: string | null;
};
export type SpeakerStats = {
  participantId: string;
  name: string;
  seconds: number;
  words: number;
  /** Share of the talk time, 0–1. */
  share: number;
};

export const sessionAnalyses = pgTable("session_analyses", {
  id: uuid().primaryKey().defaultRandom(),
  videoSessionId: uuid()
    .notNull()
    .unique()
    .references(() => videoSessions.id, { onDelete: "cascade" }),
  status: analysisStatus().notNull().default("PENDING"),
  /** 0–100 while RUNNING. */
  progress: integer().notNull().default(0),
  attempts: integer().notNull().default(0),
  /** The summary as evidenced sentences; `summary` keeps it as plain text. */
  summary: text(),
  summaryPoints: jsonb().$type<EvidencedPoint[]>(),
  keyPoints: jsonb().$type<EvidencedPoint[]>(),
  decisions: jsonb().$type<EvidencedPoint[]>(),
  actionItems: jsonb().$type<ActionItem[]>(),
  talkTime: jsonb().$type<SpeakerStats[]>(),
  /** Which analyzer produced it: `offline` or the LLM model name. */
  model: text(),
  error: text(),
  createdAt: timestamp(tz).notNull().defaultNow(),
  updatedAt: timestamp(tz).notNull().defaultNow(),
  startedAt: timestamp(tz),
  completedAt: timestamp(tz),
});
