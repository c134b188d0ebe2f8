import { z } from "zod";
import { RECORDING_STATUSES } from "./recording";

/** A recording as the API returns it: state for the call UI, file facts for the player. */
export const recordingView = z.strictObject({
  id: z.uuid(),
  status: z.enum(RECORDING_STATUSES),
  recorder: z.enum(["LOCAL", "EGRESS"]),
  /** Null when unknown here (single-row answers) or the account is gone. */
  startedByName: z.string().nullable(),
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable(),
  stopRequested: z.boolean(),
  durationMs: z.number().nullable(),
  sizeBytes: z.number().nullable(),
  mimeType: z.string().nullable(),
  failureReason: z.string().nullable(),
});
export type RecordingView = z.infer<typeof recordingView>;

type Row = {
  id: string;
  status: RecordingView["status"];
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
