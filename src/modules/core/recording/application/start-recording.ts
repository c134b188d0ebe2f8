import type { Logger } from "pino";
import type { Executor } from "@/lib/db/client";
import { type Viewer, sessionEnded } from "@/modules/core/sessions";
import { roomName } from "@/modules/core/sessions/domain/video-session";
import { ServiceUnavailableError } from "@/modules/core/shared/domain/errors";
import { isFinal, recordingAlreadyRunning, recordingNotAllowed, sessionNotLive } from "../domain/recording";
import { toRecordingView, type RecordingView } from "../domain/recording-view";
import { recorderBusy, type RecordingLimits } from "../domain/recording-limits";
import { admitRecording, deleteRefusedRecording } from "../infra/recording-admission-repository";
import { failRecording, findRecording, setExternalId } from "../infra/recording-repository";
import { sessionForRecordingControl } from "./recording-access";
import { RecorderAtCapacityError, type RecorderPort } from "./recorder-port";
import { askToStop } from "./stop-recording";

export const START_FAILED_REASON = "The recorder could not be started.";

/**
 * Starts recording a live call (host or space owner/admin, where the session allows recording).
 * The STARTING row is inserted first: the partial unique index lets only one of two concurrent
 * starts through, and the loser gets 409 without a second recorder ever being asked. Recorders are
 * heavy (issue 14), so a start is refused with 503 `recorder_busy` past the caps: running
 * recordings per space and per user (`limits`, counted in the database), and the recorder's own
 * per-process cap (it throws {@link RecorderAtCapacityError}).
 */
export async function startRecording(
  db: Executor,
  deps: { recorder: RecorderPort | null; limits: RecordingLimits; log: Logger },
  input: { slug: string; viewer: Viewer },
): Promise<RecordingView> {
  const { recorder, log } = deps;
  const session = await sessionForRecordingControl(db, input);
  if (!session.recordingAllowed) throw recordingNotAllowed();
  if (session.status === "ENDED") throw sessionEnded();
  if (session.status !== "LIVE") throw sessionNotLive();
  if (!recorder) {
    throw new ServiceUnavailableError(
      "media_unavailable",
      "Recording needs the media server, which is not configured.",
    );
  }
  const admission = await admitRecording(
    db,
    {
      videoSessionId: session.id,
      spaceId: session.spaceId,
      startedByUserId: input.viewer.user?.id ?? null,
      recorder: recorder.kind,
      at: new Date(),
    },
    deps.limits,
  );
  if (!admission.admitted) {
    throw admission.reason === "already_running" ? recordingAlreadyRunning() : recorderBusy(admission.reason);
  }
  const { row } = admission;
  try {
    const { externalId } = await recorder.start({ recordingId: row.id, roomName: roomName(session) });
    await setExternalId(db, row.id, externalId);
  } catch (err) {
    if (err instanceof RecorderAtCapacityError) {
      await deleteRefusedRecording(db, row.id);
      throw recorderBusy("server");
    }
    log.warn({ err, recordingId: row.id }, "recorder start failed");
    await failRecording(db, row.id, START_FAILED_REASON, new Date());
    throw new ServiceUnavailableError(
      "media_unavailable",
      "The recording could not be started. Try again in a moment.",
      { cause: err },
    );
  }
  const stored = (await findRecording(db, row.id))!;
  // A stop (the host, or the session ending) that came while the recorder was being asked found
  // no recorder id to pass on; it is passed on now.
  if (stored.stopRequestedAt && !isFinal(stored.status)) {
    await askToStop(recorder, stored).catch((err: unknown) =>
      log.warn({ err, recordingId: row.id }, "could not pass on an early stop"),
    );
  }
  return toRecordingView(stored);
}
