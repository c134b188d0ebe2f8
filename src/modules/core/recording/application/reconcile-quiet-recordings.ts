import type { Logger } from "pino";
import type { Executor } from "@/lib/db/client";
import { EGRESS_CHECK_AFTER_MS, RECORDER_LOST_REASON } from "../domain/recording";
import { failRecording, findQuietRecordings, touchHeartbeat } from "../infra/recording-repository";
import { applyRecorderEvent } from "./apply-recorder-event";
import type { RecorderPort } from "./recorder-port";

// Bounds one sweep's calls to the recorder; the longest silent rows go first, the rest next time.
const BATCH = 50;

export type Reconciled = { recordingId: string; status: string };

/**
 * Asks a recorder whose reports can be lost (Egress: a webhook that never arrives leaves the row
 * RECORDING forever) about the rows it has been silent on, and applies its answer as the event it
 * would have sent, through `applyRecorderEvent`, so a report read late is handled exactly like one
 * delivered. A recording it no longer knows is FAILED; one it still works on has its heartbeat
 * refreshed, so it is asked again only after another quiet spell. A recorder that cannot be
 * reached leaves every row as it is until the next sweep (each further row would only wait out
 * another timeout).
 */
export async function reconcileQuietRecordings(
  db: Executor,
  deps: { recorder: RecorderPort; log: Logger },
  input: { now: Date },
): Promise<Reconciled[]> {
  const { recorder, log } = deps;
  if (!recorder.status) return [];
  const { now } = input;
  const quiet = await findQuietRecordings(db, {
    recorder: recorder.kind,
    quietBefore: new Date(now.getTime() - EGRESS_CHECK_AFTER_MS),
    limit: BATCH,
  });
  const changed: Reconciled[] = [];
  for (const row of quiet) {
    let event;
    try {
      event = await recorder.status({ externalId: row.externalId, now });
    } catch (err) {
      log.warn(
        { err, recordingId: row.id, recorder: recorder.kind, waiting: quiet.length },
        "could not ask the recorder about its silent recordings; will retry with the next sweep",
      );
      break;
    }
    if (!event) {
      const failed = await failRecording(db, row.id, RECORDER_LOST_REASON, now);
      if (failed) changed.push({ recordingId: row.id, status: failed.status });
      continue;
    }
    const { applied, recording } = await applyRecorderEvent(db, { ...event, externalId: row.externalId });
    if (applied && recording && recording.status !== row.status) {
      changed.push({ recordingId: row.id, status: recording.status });
    }
    if (event.type === "heartbeat" || event.type === "started" || event.type === "processing") {
      await touchHeartbeat(db, { externalId: row.externalId }, now);
    }
  }
  if (changed.length) log.info({ recordings: changed }, "recordings updated from what their recorder says");
  return changed;
}
