import type { Executor } from "@/lib/db/client";
import type { Viewer } from "@/modules/core/sessions";
import { resolveTranscriptAccess } from "@/modules/core/transcripts";
import { toRecordingView, type RecordingView } from "../domain/recording-view";
import { listRecordings } from "../infra/recording-repository";
import { findRecordingAllowed } from "../infra/session-recording-settings";

export type SessionRecordings = {
  recordings: RecordingView[];
  recordingAllowed: boolean;
  /** Host or space owner/admin: may start, stop and delete. */
  canManage: boolean;
};

/**
 * The session's recordings, newest first, for whoever may read its transcript (the same rule).
 * A guest of the call sees only the ones still running or failed (the call's "being recorded"
 * badge reads this list), never a finished file: a recording spans the whole call, including
 * what was said before they came and after they left, which their transcript leaves out.
 */
export async function listSessionRecordings(
  db: Executor,
  input: { slug: string; viewer: Viewer },
): Promise<SessionRecordings> {
  const access = await resolveTranscriptAccess(db, input);
  const [rows, recordingAllowed] = await Promise.all([
    listRecordings(db, access.session.id),
    findRecordingAllowed(db, access.session.id),
  ]);
  const visible = access.guest ? rows.filter((r) => r.status !== "READY") : rows;
  return { recordings: visible.map(toRecordingView), recordingAllowed, canManage: access.canManage };
}
