import type { Logger } from "pino";
import type { Executor } from "@/lib/db/client";
import {
  EGRESS_FINISH_TIMEOUT_MS,
  EGRESS_START_TIMEOUT_MS,
  LOCAL_START_TIMEOUT_MS,
  STALE_AFTER_MS,
  STALE_REASON,
} from "../domain/recording";
import { failRecording, findStaleRecordings } from "../infra/recording-repository";
import { reconcileQuietRecordings } from "./reconcile-quiet-recordings";
import type { RecorderPort } from "./recorder-port";

/**
 * A recorder that died (process killed, machine gone) leaves a FAILED row with the reason, never
 * a stuck RECORDING one. First the configured recorder, when it can be asked (Egress), is asked
 * about the rows it has been silent on (`reconcileQuietRecordings`: lost webhooks). Then the
 * timeouts: local rows whose heartbeat stopped, Egress rows that never started or never delivered
 * their file after a stop. Safe on every web instance at once: every change is a guarded UPDATE
 * on rows still active. Returns the rows that became FAILED.
 */
export async function sweepStaleRecordings(
  db: Executor,
  deps: { recorder: RecorderPort | null; log: Logger },
  input: { now?: Date } = {},
): Promise<string[]> {
  const now = input.now ?? new Date();
  const failed: string[] = [];
  if (deps.recorder) {
    for (const r of await reconcileQuietRecordings(db, { recorder: deps.recorder, log: deps.log }, { now })) {
      if (r.status === "FAILED") failed.push(r.recordingId);
    }
  }
  const before = (ms: number) => new Date(now.getTime() - ms);
  const stale = await findStaleRecordings(db, {
    staleBefore: before(STALE_AFTER_MS),
    localStartBefore: before(LOCAL_START_TIMEOUT_MS),
    egressStartBefore: before(EGRESS_START_TIMEOUT_MS),
    egressFinishBefore: before(EGRESS_FINISH_TIMEOUT_MS),
  });
  for (const row of stale) {
    if (await failRecording(db, row.id, STALE_REASON, now)) failed.push(row.id);
  }
  return failed;
}
