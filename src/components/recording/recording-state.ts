import type { RecordingView } from "@/modules/core/recording/domain/recording-view";

/**
 * The call's view of recording, read from `GET /api/sessions/[slug]/recordings`. Pure, so the
 * announcements ("Alice started recording", "Recording stopped") can be unit-tested.
 */
export type ActiveRecording = {
  id: string;
  status: "STARTING" | "RECORDING";
  startedByName: string | null;
  /** Stop was asked for; the recorder is finishing (it still records until then). */
  stopRequested?: boolean;
};

/** What the call reads of each row of the list (`recordingsApi.list`). */
export type RecordingRow = Pick<
  RecordingView,
  "id" | "status" | "startedByName" | "failureReason" | "stopRequested"
>;

const ACTIVE = new Set<RecordingRow["status"]>(["STARTING", "RECORDING"]);

export function activeOf(rows: RecordingRow[]): ActiveRecording | null {
  const row = rows.find((r) => ACTIVE.has(r.status));
  return row
    ? {
        id: row.id,
        status: row.status as ActiveRecording["status"],
        startedByName: row.startedByName,
        stopRequested: row.stopRequested,
      }
    : null;
}

export type Announcement =
  { kind: "started"; name: string | null } | { kind: "stopped" } | { kind: "failed"; reason: string | null };

/**
 * What to announce when the state moves from `before` to `rows`. Nothing on the first read
 * (`before` undefined): someone joining mid-recording sees the indicator, not a "started" notice.
 * "Started" is said when the recorder records (RECORDING), not when it was asked to (STARTING):
 * the badge, read from the same state, says "Recording" at that very moment, never before.
 */
export function announcementFor(
  before: ActiveRecording | null | undefined,
  rows: RecordingRow[],
): Announcement | null {
  if (before === undefined) return null;
  const now = activeOf(rows);
  const wasRecording = before?.status === "RECORDING" && before.id === now?.id;
  if (now?.status === "RECORDING" && !wasRecording) return { kind: "started", name: now.startedByName };
  if (before && (!now || now.id !== before.id)) {
    const ended = rows.find((r) => r.id === before.id);
    if (ended?.status === "FAILED") return { kind: "failed", reason: ended.failureReason };
    return { kind: "stopped" };
  }
  return null;
}
