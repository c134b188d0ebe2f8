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

export type RecordingRow = {
  id: string;
  status: string;
  startedByName: string | null;
  failureReason: string | null;
  stopRequested?: boolean;
};

const ACTIVE = new Set(["STARTING", "RECORDING"]);

/** Reads the list route's rows, tolerating `startedBy: {name}` or `startedByName`. */
export function parseRows(payload: unknown): RecordingRow[] {
  const list = (payload as { recordings?: unknown } | null)?.recordings;
  if (!Array.isArray(list)) return [];
  return list.flatMap((raw): RecordingRow[] => {
    const r = raw as Record<string, unknown>;
    if (typeof r.id !== "string" || typeof r.status !== "string") return [];
    const by = r.startedBy as { name?: unknown } | null | undefined;
    const name =
      typeof r.startedByName === "string" ? r.startedByName : typeof by?.name === "string" ? by.name : null;
    return [
      {
        id: r.id,
        status: r.status,
        startedByName: name,
        failureReason: typeof r.failureReason === "string" ? r.failureReason : null,
        stopRequested: r.stopRequested === true,
      },
    ];
  });
}

export function activeOf(rows: RecordingRow[]): ActiveRecording | null {
  const row = rows.find((r) => ACTIVE.has(r.status));
  return row
    ? {
        id: row.id,
        status: row.status as ActiveRecording["status"],
        startedByName: row.startedByName,
        stopRequested: row.stopRequested === true,
      }
    : null;
}

export type Announcement =
  { kind: "started"; name: string | null } | { kind: "stopped" } | { kind: "failed"; reason: string | null };

/**
 * What to announce when the state moves from `before` to `rows`. Nothing on the first read
 * (`before` undefined): someone joining mid-recording sees the indicator, not a "started" notice.
 */
export function announcementFor(
  before: ActiveRecording | null | undefined,
  rows: RecordingRow[],
): Announcement | null {
  if (before === undefined) return null;
  const now = activeOf(rows);
  if (now && (!before || before.id !== now.id)) return { kind: "started", name: now.startedByName };
  if (before && (!now || now.id !== before.id)) {
    const ended = rows.find((r) => r.id === before.id);
    if (ended?.status === "FAILED") return { kind: "failed", reason: ended.failureReason };
    return { kind: "stopped" };
  }
  return null;
}
