import type { Executor } from "@/lib/db/client";
import type { Viewer } from "@/modules/core/sessions";
import { isFinal, recordingNotFound, recordingStillRunning } from "../domain/recording";
import { deleteFinishedRecording, findRecordingInSession } from "../infra/recording-repository";
import { sessionForRecordingControl } from "./recording-access";
import { fromStorage, type RecordingStorage } from "./recording-storage";

/**
 * Deletes a finished recording and its file (host or space owner/admin). Not while the recorder
 * still owns it: the file is being written. The file goes first, so a failure to delete it leaves
 * the row to retry from rather than an orphaned file nobody can find.
 */
export async function deleteRecording(
  db: Executor,
  storage: RecordingStorage,
  input: { slug: string; recordingId: string; viewer: Viewer },
): Promise<void> {
  const session = await sessionForRecordingControl(db, input);
  const row = await findRecordingInSession(db, session.id, input.recordingId);
  if (!row) throw recordingNotFound();
  if (!isFinal(row.status)) throw recordingStillRunning();
  const key = row.storageKey;
  if (key) await fromStorage(() => storage.remove(key));
  if (!(await deleteFinishedRecording(db, row.id))) throw recordingNotFound();
}
