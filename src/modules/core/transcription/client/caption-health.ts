import type { CaptionLagStatus } from "../domain/protocol";
import type { ConnectionState } from "./caption-connection";

/**
 * A participant's caption health as the host sees it. Each browser derives its own state from its
 * caption connection and publishes it as LiveKit participant attributes: LiveKit already carries
 * attributes to everyone in the room within a second, so no server has to guess from the outside.
 */
export const CAPTION_STATE_ATTRIBUTE = "rooms.captions.state";
export const CAPTION_REASON_ATTRIBUTE = "rooms.captions.reason";
/** Milliseconds from speech to final caption for the latest final (see LagMeter). */
export const CAPTION_LAG_ATTRIBUTE = "rooms.captions.lagMs";

export const CAPTION_HEALTH_STATES = [
  "streaming",
  "paused",
  "muted",
  "connecting",
  "disconnected",
  "error",
  "off",
  // the recognizer is behind or full (see CaptionLagStatus)
  "delayed",
  "catching_up",
  "busy",
] as const;
export type CaptionHealthState = (typeof CAPTION_HEALTH_STATES)[number];
export type CaptionHealth = { state: CaptionHealthState; reason?: string };

/** Attributes are small and visible to everyone in the room: a reason is a short line, not a log. */
const MAX_REASON = 160;

export type CaptionHealthInput = {
  /** Captions on for this session and this participant in the call. */
  enabled: boolean;
  connection: ConnectionState;
  reason?: string;
  paused: boolean;
  micOn: boolean;
  /** What the server last said about the recognizer's lag for this stream. */
  recognizer?: CaptionLagStatus;
};

/**
 * Faults (an error, a lost socket) only matter while captions are wanted, so the participant's own
 * choices come before them: a paused or muted voice is not a broken one. An error still wins over
 * both, because it stays after the participant unmutes.
 */
export function deriveCaptionHealth(input: CaptionHealthInput): CaptionHealth {
  if (!input.enabled || input.connection === "stopped") return { state: "off" };
  // Busy until a stream opens: the unavailable close and reconnects that follow are its retries.
  if (input.recognizer === "busy" && input.connection !== "ready") return { state: "busy" };
  if (input.connection === "unavailable") {
    return { state: "error", reason: (input.reason ?? "").slice(0, MAX_REASON) || undefined };
  }
  if (input.paused) return { state: "paused" };
  if (!input.micOn) return { state: "muted" };
  if (input.connection === "connecting") return { state: "connecting" };
  if (input.connection === "reconnecting") return { state: "disconnected" };
  if (input.recognizer === "delayed" || input.recognizer === "catching_up")
    return { state: input.recognizer };
  return { state: "streaming" };
}

/** The attributes to publish; an empty reason removes the attribute (LiveKit drops empty values). */
export function captionHealthAttributes(health: CaptionHealth): Record<string, string> {
  return {
    [CAPTION_STATE_ATTRIBUTE]: health.state,
    [CAPTION_REASON_ATTRIBUTE]: health.state === "error" ? (health.reason ?? "") : "",
  };
}

/** What another participant published, or null when they published nothing we understand. */
export function readCaptionHealth(attributes: Readonly<Record<string, string>>): CaptionHealth | null {
  const state = attributes[CAPTION_STATE_ATTRIBUTE];
  if (!state || !(CAPTION_HEALTH_STATES as readonly string[]).includes(state)) return null;
  const reason = attributes[CAPTION_REASON_ATTRIBUTE]?.slice(0, MAX_REASON);
  return reason && state === "error"
    ? { state: state as CaptionHealthState, reason }
    : { state: state as CaptionHealthState };
}

export function readCaptionLag(attributes: Readonly<Record<string, string>>): number | null {
  const ms = Number(attributes[CAPTION_LAG_ATTRIBUTE]);
  return attributes[CAPTION_LAG_ATTRIBUTE] && Number.isFinite(ms) && ms >= 0 ? ms : null;
}
