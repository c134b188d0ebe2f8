import { ConflictError, NotFoundError } from "@/modules/core/shared/domain/errors";
import type { RecorderEvent } from "../application/recorder-port";

export const RECORDING_STATUSES = ["STARTING", "RECORDING", "PROCESSING", "READY", "FAILED"] as const;
export type RecordingStatus = (typeof RECORDING_STATUSES)[number];

/** READY and FAILED are final: nothing moves a recording out of them. */
export const isFinal = (s: RecordingStatus) => s === "READY" || s === "FAILED";

// The forward order of the happy path; FAILED sits outside it (reachable from any non-final state).
const RANK: Record<Exclude<RecordingStatus, "FAILED">, number> = {
  STARTING: 0,
  RECORDING: 1,
  PROCESSING: 2,
  READY: 3,
};

/**
 * Whether a recorder's report may move a row from `from` to `to`. Only forward: a late, duplicate
 * or out-of-order event (a "started" after "ready", a second "ready") is ignored, and nothing ever
 * moves a READY or FAILED row.
 */
export function canMove(from: RecordingStatus, to: RecordingStatus): boolean {
  if (isFinal(from)) return false;
  if (to === "FAILED") return true;
  return RANK[to] > RANK[from];
}

/** The statuses a row may be in for `to` to apply: what the guarded UPDATE filters on. */
export const sourcesOf = (to: RecordingStatus): RecordingStatus[] =>
  RECORDING_STATUSES.filter((from) => canMove(from, to));

/** The status an event asks for; a heartbeat asks for none (it only proves the recorder is alive). */
export function targetOf(event: RecorderEvent): RecordingStatus | null {
  switch (event.type) {
    case "started":
      return "RECORDING";
    case "processing":
      return "PROCESSING";
    case "ready":
      return "READY";
    case "failed":
      return "FAILED";
    case "heartbeat":
      return null;
  }
}

/** A recorder that stopped reporting for this long is taken for dead (it heartbeats every few s). */
export const STALE_AFTER_MS = 20_000;
/** The local recorder heartbeats once it records; booting and joining the room may take a while. */
export const LOCAL_START_TIMEOUT_MS = 60_000;
/** Egress sends no heartbeats; one not heard of in this time while starting did not start. */
export const EGRESS_START_TIMEOUT_MS = 120_000;
/** Egress finishing a file (upload included) for longer than this after the stop is taken as lost. */
export const EGRESS_FINISH_TIMEOUT_MS = 30 * 60_000;

/**
 * An Egress row that heard nothing from Egress for this long is checked with Egress itself: its
 * webhooks can be lost, and an ACTIVE egress sends none until it ends. Not longer than the start
 * timeout, so a start whose webhooks were lost is asked about before it would be failed.
 */
export const EGRESS_CHECK_AFTER_MS = EGRESS_START_TIMEOUT_MS;

export const STALE_REASON = "The recorder stopped responding.";
export const RECORDER_LOST_REASON = "The recorder has no record of this recording any more.";

export const recordingNotFound = () => new NotFoundError("recording_not_found", "Recording not found.");
export const recordingNotAllowed = () =>
  new ConflictError("recording_not_allowed", "Recording is not allowed in this session.");
export const recordingAlreadyRunning = () =>
  new ConflictError("recording_already_running", "This session is already being recorded.");
export const recordingNotReady = () =>
  new ConflictError("recording_not_ready", "The recording is not ready yet.");
export const recordingStillRunning = () =>
  new ConflictError("recording_still_running", "Stop the recording before deleting it.");
export const sessionNotLive = () =>
  new ConflictError("session_not_live", "Recording can start once the call is live.");
