import { ConnectionError, ConnectionErrorReason, DisconnectReason } from "livekit-client";
import type { ApiError } from "../use-api";

/** Every way the session page can end up other than the pre-join form and the call itself. */
export type Outcome =
  | { kind: "ended" }
  | { kind: "left" }
  | { kind: "lost" }
  | { kind: "duplicate" }
  | { kind: "removed" }
  | { kind: "full" }
  | { kind: "signin" }
  | { kind: "unavailable"; message: string }
  | { kind: "failed"; message: string };

/**
 * A failed join or token request. The 503's message is the server's exact instructions for the
 * operator (what is missing, how to fix it), so it is passed through untranslated.
 */
export function outcomeForApiError(err: ApiError): Outcome {
  if (err.code === "session_ended") return { kind: "ended" };
  if (err.code === "session_full") return { kind: "full" };
  if (err.code === "participant_removed") return { kind: "removed" };
  if (err.code === "media_unavailable" || err.status === 503) {
    return { kind: "unavailable", message: err.serverMessage ?? err.message };
  }
  if (err.status === 401) return { kind: "signin" };
  return { kind: "failed", message: err.message };
}

/**
 * Why the room connection closed. `null` means the reason alone does not say whether the session is
 * over (a dropped network, a server restart), so the caller asks the API before choosing.
 */
export function outcomeForDisconnect(reason: DisconnectReason | undefined, leaving: boolean): Outcome | null {
  if (leaving) return { kind: "left" };
  switch (reason) {
    case DisconnectReason.ROOM_DELETED:
      return { kind: "ended" };
    case DisconnectReason.PARTICIPANT_REMOVED:
      return { kind: "removed" };
    case DisconnectReason.DUPLICATE_IDENTITY:
      return { kind: "duplicate" };
    case DisconnectReason.CLIENT_INITIATED:
      return { kind: "left" };
    default:
      return null;
  }
}

/**
 * An error LiveKitRoom reports. Failing to reach or talk to the media server gets the same screen as
 * the API's 503; a cancelled attempt (we disconnected ourselves) is no outcome at all; a leave
 * request is checked against the session like a disconnect; anything else is a local camera or
 * microphone problem that should not end the call.
 */
export function connectFailure(err: unknown): "ignore" | "check" | "media" | { reason: string } {
  if (!(err instanceof ConnectionError)) return "media";
  if (err.reason === ConnectionErrorReason.Cancelled) return "ignore";
  if (err.reason === ConnectionErrorReason.LeaveRequest) return "check";
  return { reason: err.message || err.reasonName };
}
