import type { Executor } from "@/lib/db/client";
import type { Viewer } from "@/modules/core/sessions";
import { ServiceUnavailableError } from "@/modules/core/shared/domain/errors";
import { isFinal, recordingNotFound } from "../domain/recording";
import { toRecordingView, type RecordingView } from "../domain/recording-view";
import { findRecordingInSession, markStopRequested, type Recording } from "../infra/recording-repository";
import { sessionForRecordingControl } from "./recording-access";
import type { RecorderPort } from "./recorder-port";

/**
 * Asks the recorder to finish the file (host or space owner/admin). Stopping a finished recording
 * is a no-op. The stop is stored first, so a recorder that polls for it (the local one) or a
 * retry still sees it when the recorder could not be reached now.
 */
export async function stopRecording(
  db: Executor,
  recorder: RecorderPort | null,
  input: { slug: string; recordingId: string; viewer: Viewer },
): Promise<RecordingView> {
  const session = await sessionForRecordingControl(db, input);
  const row = await findRecordingInSession(db, session.id, input.recordingId);
  if (!row) throw recordingNotFound();
  if (isFinal(row.status)) return toRecordingView(row);
  const marked = (await markStopRequested(db, row.id, new Date()))!;
  await askToStop(recorder, marked);
  return toRecordingView(marked);
}

/** Hands a stop to the recorder that made the row (a row without its id yet is caught by polling). */
export async function askToStop(recorder: RecorderPort | null, row: Recording): Promise<void> {
  if (!row.externalId) return;
  if (!recorder || recorder.kind !== row.recorder) {
    // The local recorder polls its row for the stop stored above, whoever is configured now.
    if (row.recorder === "LOCAL") return;
    throw new ServiceUnavailableError(
      "media_unavailable",
      "The recorder of this recording is not configured.",
    );
  }
  try {
    await recorder.stop({ recordingId: row.id, externalId: row.externalId });
  } catch (err) {
    throw new ServiceUnavailableError(
      "media_unavailable",
      "The recorder could not be reached. The stop is saved; try again in a moment.",
      { cause: err },
    );
  }
}
