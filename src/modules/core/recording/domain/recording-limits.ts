import { ServiceUnavailableError } from "@/modules/core/shared/domain/errors";

/** Recordings that may run at once, per space and per user who started them (from the database). */
export type RecordingLimits = { perSpace: number; perUser: number };

export type BusyScope = "server" | "space" | "user";

const MESSAGES: Record<BusyScope, string> = {
  server: "The server is already running as many recordings as it can. Try again when one has finished.",
  space: "Another call in this space is already being recorded. Stop that recording first.",
  user: "You are already recording as many calls as you may at once. Stop one of them first.",
};

/**
 * 503 with `recorder_busy`: a refusal for lack of room, not a failure, so the host is told why
 * and what to do. `details.scope` says which cap it was.
 */
export const recorderBusy = (scope: BusyScope) =>
  new ServiceUnavailableError("recorder_busy", MESSAGES[scope], { details: { scope } });
