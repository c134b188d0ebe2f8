import { index, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";
import { spaces } from "./spaces";
import { videoSessions } from "./sessions";
import { sessionAnalyses } from "./analysis";
import { transcriptSegments } from "./transcription";

const tz = { withTimezone: true } as const;

export const taskStatus = pgEnum("task_status", ["TODO", "DOING", "DONE"]);

export const tasks = pgTable(
  "tasks",
  {
    id: uuid().primaryKey().defaultRandom(),
    spaceId: uuid()
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    videoSessionId: uuid().references(() => videoSessions.id, { onDelete: "set null" }),
    sessionAnalysisId: uuid().references(() => sessionAnalyses.id, { onDelete: "set null" }),
    title: text().notNull(),
    description: text(),
    status: taskStatus().notNull().default("TODO"),
    assigneeUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    createdByUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    dueAt: timestamp(tz),
    /** The transcript segment the task was said in (action items from the analysis). */
    segmentId: uuid().references(() => transcriptSegments.id, { onDelete: "set null" }),
    /** The action item's key: unique per session, so re-running the analysis never duplicates a task. */
    sourceKey: text(),
    /**
     * Deleting keeps the row as a tombstone: its (session, source key) then stops a re-run of the
     * analysis from bringing the task back.
     */
    deletedAt: timestamp(tz),
    createdAt: timestamp(tz).notNull().defaultNow(),
    updatedAt: timestamp(tz).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.spaceId),
    index().on(t.videoSessionId),
    index().on(t.assigneeUserId),
    unique().on(t.videoSessionId, t.sourceKey),
  ],
);
