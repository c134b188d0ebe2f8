import type { Logger } from "pino";
import type { Executor } from "@/lib/db/client";
import { listActiveRecordings, markStopRequested } from "../infra/recording-repository";
import type { RecorderPort } from "./recorder-port";
import { askToStop } from "./stop-recording";

/**
 * A session that ends stops its recording: every path to ENDED (the host, the idle sweep, the
 * room closing) calls this once the session reads as ended. Never fails the end: a recorder
 * that cannot be reached still has the stop stored (the local one polls it, and sees the session
 * ended), and one that never finishes is marked FAILED by the stale sweep.
 */
export async function stopSessionRecordings(
  db: Executor,
  deps: { recorder: RecorderPort | null; log: Logger },
  videoSessionId: string,
): Promise<number> {
  const { recorder, log } = deps;
  let stopped = 0;
  try {
    for (const row of await listActiveRecordings(db, videoSessionId)) {
      const marked = await markStopRequested(db, row.id, new Date());
      if (!marked) continue;
      stopped++;
      await askToStop(recorder, marked).catch((err: unknown) =>
        log.warn({ err, recordingId: row.id }, "could not stop the recording of an ended session"),
      );
    }
  } catch (err) {
    log.warn({ err, videoSessionId }, "could not stop the recordings of an ended session");
  }
  return stopped;
}
