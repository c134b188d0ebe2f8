import { sql } from "drizzle-orm";
import {
  bigint,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./identity";
import { videoSessions } from "./sessions";

const tz = { withTimezone: true } as const;

export const recordingStatus = pgEnum("recording_status", [
  "STARTING",
  "RECORDING",
  "PROCESSING",
  "READY",
  "FAILED",
]);

/** Which recorder made the file: the embedded local recorder or LiveKit Egress. */
export const recorderKind = pgEnum("recorder_kind", ["LOCAL", "EGRESS"]);

export const recordings = pgTable(
  "recordings",
  {
    id: uuid().primaryKey().defaultRandom(),
    videoSessionId: uuid()
      .notNull()
      .references(() => videoSessions.id, { onDelete: "cascade" }),
    startedByUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    recorder: recorderKind().notNull(),
    /** The recorder's own id: Egress's egress_id, or the local recorder's run id. */
    externalId: text(),
    status: recordingStatus().notNull().default("STARTING"),
    /** Why a recording FAILED, in words a host can act on (never transcript text). */
    failureReason: text(),
    /** Asked to stop (host, session end); the recorder finalizes the file and moves on to PROCESSING. */
    stopRequestedAt: timestamp(tz),
    /** The recorder's last sign of life: a RECORDING row whose heartbeat is stale is marked FAILED. */
    heartbeatAt: timestamp(tz),
    startedAt: timestamp(tz).notNull().defaultNow(),
    endedAt: timestamp(tz),
    durationMs: integer(),
    sizeBytes: bigint({ mode: "number" }),
    /** Where the file lives: a path under $DATA_DIR/recordings, or the Egress output's key/URL. */
    storageKey: text(),
    mimeType: text(),
    createdAt: timestamp(tz).notNull().defaultNow(),
    updatedAt: timestamp(tz).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.videoSessionId),
    index().on(t.status),
    index().on(t.externalId),
    // One recording at a time per call: two hosts pressing Record together get one.
    uniqueIndex("recordings_one_active_per_session")
      .on(t.videoSessionId)
      .where(sql`${t.status} in ('STARTING', 'RECORDING')`),
  ],
);
