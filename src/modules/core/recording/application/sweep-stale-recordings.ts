import type { Executor } from "@/lib/db/client";
import {
  EGRESS_FINISH_TIMEOUT_MS,
  EGRESS_START_TIMEOUT_MS,
  LOCAL_START_TIMEOUT_MS,
  STALE_AFTER_MS,
  STALE_REASON,
} from "../domain/recording";
import { failRecording, findStaleRecordings } from "../infra/recording-repository";

/**
 * A recorder that died (process killed, machine gone) leaves a FAILED row with the reason, never
 * a stuck RECORDING one: local rows whose heartbeat stopped, Egress rows that never started or
 * never delivered their file after a stop. Safe on every web instance at once: FAILED is set
 * only on rows still active.
 */
export async function sweepStaleRecordings(db: Executor, input: { now?: Date } = {}): Promise<string[]> {
  const now = input.now ?? new Date();
  const before = (ms: number) => new Date(now.getTime() - ms);
  const stale = await findStaleRecordings(db, {
    staleBefore: before(STALE_AFTER_MS),
    localStartBefore: before(LOCAL_START_TIMEOUT_MS),
    egressStartBefore: before(EGRESS_START_TIMEOUT_MS),
    egressFinishBefore: before(EGRESS_FINISH_TIMEOUT_MS),
  });
  const failed: string[] = [];
  for (const row of stale) {
    if (await failRecording(db, row.id, STALE_REASON, now)) failed.push(row.id);
  }
  return failed;
}
