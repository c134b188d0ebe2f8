/**
 * The one port both recorders sit behind. The production adapter drives LiveKit Egress
 * (`EgressClient.startRoomCompositeEgress`); the embedded default runs a local recorder process
 * (`@livekit/rtc-node` + GStreamer). Use-cases never know which one they talk to.
 */
export type RecorderKind = "LOCAL" | "EGRESS";

/**
 * What `start` throws when the recorder has no room for another recording (the local adapter's
 * per-process cap): the caller refuses the start instead of recording it as failed.
 */
export class RecorderAtCapacityError extends Error {
  constructor(readonly limit: number) {
    super(`the recorder already runs ${limit} recording(s)`);
    this.name = "RecorderAtCapacityError";
  }
}

export interface RecorderPort {
  readonly kind: RecorderKind;
  /**
   * Asks the recorder to record the session's room into one file. Resolves with the recorder's own
   * id (Egress's `egress_id`, the local recorder's run id) once the request is accepted; progress
   * arrives later as {@link RecorderEvent}s.
   */
  start(input: { recordingId: string; roomName: string }): Promise<{ externalId: string }>;
  /** Asks the recorder to finish the file. Idempotent: stopping a finished recording is not an error. */
  stop(input: { recordingId: string; externalId: string }): Promise<void>;
  /**
   * For a recorder whose reports can be lost on the way (Egress's webhooks): what it says about
   * the recording now, as the event it would have reported; null when it no longer knows it.
   * Rejects when it cannot be asked. The local recorder has none: its heartbeats are read from
   * the row it writes itself, so silence there already means it died.
   */
  status?(input: { externalId: string; now: Date }): Promise<RecorderEvent | null>;
}

/**
 * What a recorder reports, whichever it is: Egress webhooks (`egress_started`, `egress_updated`,
 * `egress_ended`) are mapped to these, and the local recorder emits them itself. One use-case
 * (`apply-recorder-event.ts`) moves the Recording row's state from them.
 *
 * `recordingId` (optional): our row id, which `start` was given. A recorder that knows it should
 * send it: an event that arrives before `start` has returned (and so before the row has its
 * `externalId`) is still matched to its row instead of being dropped.
 */
type EventRef = { externalId: string; recordingId?: string; at: Date };
export type RecorderEvent =
  | ({ type: "started" } & EventRef)
  | ({ type: "heartbeat" } & EventRef)
  | ({ type: "processing" } & EventRef)
  | ({
      type: "ready";
      durationMs: number;
      sizeBytes: number;
      storageKey: string;
      mimeType: string;
    } & EventRef)
  | ({ type: "failed"; reason: string } & EventRef);
