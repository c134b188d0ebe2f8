import type { Executor } from "@/lib/db/client";
import { sourcesOf, targetOf } from "../domain/recording";
import { touchHeartbeat, transitionRecording, type Recording } from "../infra/recording-repository";
import type { RecorderEvent } from "./recorder-port";

export type AppliedEvent = {
  /** Whether the row changed; false for an unknown id or a late/duplicate/out-of-order event. */
  applied: boolean;
  recording: Recording | null;
};

/**
 * Moves a Recording row from what its recorder reports (Egress webhooks mapped to events, or the
 * local recorder). Each transition is one guarded UPDATE, so duplicates and reports arriving out
 * of order are ignored and a READY or FAILED row never moves again.
 */
export async function applyRecorderEvent(db: Executor, event: RecorderEvent): Promise<AppliedEvent> {
  const ref = { externalId: event.externalId, recordingId: event.recordingId };
  const target = targetOf(event);
  if (target === null) {
    const row = await touchHeartbeat(db, ref, event.at);
    return { applied: row !== null, recording: row };
  }
  const from = sourcesOf(target);
  let row: Recording | null;
  switch (event.type) {
    case "started":
      // The file's time zero is when the recorder began writing, not when Record was pressed (it
      // still had to join the room): the player maps transcript times onto the file from this.
      row = await transitionRecording(
        db,
        ref,
        from,
        { status: target, heartbeatAt: event.at, startedAt: event.at },
        event.at,
      );
      break;
    case "processing":
      row = await transitionRecording(
        db,
        ref,
        from,
        { status: target, heartbeatAt: event.at, endedAt: event.at },
        event.at,
      );
      break;
    case "ready":
      row = await transitionRecording(
        db,
        ref,
        from,
        {
          status: target,
          heartbeatAt: event.at,
          endedAt: event.at,
          durationMs: Math.round(event.durationMs),
          sizeBytes: event.sizeBytes,
          storageKey: event.storageKey,
          mimeType: event.mimeType,
        },
        event.at,
      );
      break;
    case "failed":
      row = await transitionRecording(
        db,
        ref,
        from,
        { status: target, failureReason: event.reason, endedAt: event.at },
        event.at,
      );
      break;
    default:
      row = null;
  }
  return { applied: row !== null, recording: row };
}
