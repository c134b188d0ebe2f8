import type { RecordingStatus } from "./recording";

/** A recording as the API returns it: state for the call UI, file facts for the player. */
export type RecordingView = {
  id: string;
  status: RecordingStatus;
  recorder: "LOCAL" | "EGRESS";
  /** Null when unknown here (single-row answers) or the account is gone. */
  startedByName: string | null;
  startedAt: string;
  endedAt: string | null;
  stopRequested: boolean;
  durationMs: number | null;
  sizeBytes: number | null;
  mimeType: string | null;
  failureReason: string | null;
};

type Row = {
  id: string;
  status: RecordingStatus;
  recorder: "LOCAL" | "EGRESS";
  startedAt: Date;
  endedAt: Date | null;
  stopRequestedAt: Date | null;
  durationMs: number | null;
  sizeBytes: number | null;
  mimeType: string | null;
  failureReason: string | null;
  startedByName?: string | null;
};

export function toRecordingView(row: Row): RecordingView {
  return {
    id: row.id,
    status: row.status,
    recorder: row.recorder,
    startedByName: row.startedByName ?? null,
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    stopRequested: row.stopRequestedAt !== null,
    durationMs: row.durationMs,
    sizeBytes: row.sizeBytes,
    mimeType: row.mimeType,
    failureReason: row.failureReason,
  };
}
