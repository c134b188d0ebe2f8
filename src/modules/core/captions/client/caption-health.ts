import { z } from "zod";
import type { CaptionLagStatus } from "../domain/protocol";
import type { ConnectionState } from "./caption-connection";

/**
 * A participant's caption health as the host sees it. Each browser derives its own state from its
 * caption connection and sends it to the room as a reliable data message (caption-state topic):
 * only it knows whether it is paused, muted or reconnecting. Receivers key it by the sender
 * identity LiveKit authenticated, so a participant can only ever speak about itself (participant
 * attributes would need canUpdateOwnMetadata, which would also let anyone rename themselves).
 */
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

/** Caption state is visible to everyone in the room: a reason is a short line, not a log. */
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

/** What a client says about its own captions; `paused` drives the marker everyone sees. */
export type CaptionState = CaptionHealth & {
  /** Milliseconds from speech to final caption for the latest final (see LagMeter). */
  lagMs: number | null;
  paused: boolean;
  /** The ws server hears nothing from this unmuted, unpaused microphone (mic_silent). */
  mic?: "silent";
};

// In the browser zod would probe whether it may compile parsers with `new Function`; the page's CSP
// forbids eval, so the probe itself is reported as a violation. These messages are tiny: no JIT.
z.config({ jitless: true });

const stateMessage = z.object({
  type: z.literal("state"),
  state: z.enum(CAPTION_HEALTH_STATES),
  reason: z.string().max(MAX_REASON).optional(),
  lagMs: z.number().int().min(0).max(3_600_000).nullable(),
  paused: z.boolean(),
  mic: z.literal("silent").optional(),
});
// A newcomer asks everyone for their state; each answers only with its own.
const askMessage = z.object({ type: z.literal("ask") });
const captionStateMessage = z.discriminatedUnion("type", [stateMessage, askMessage]);
export type CaptionStateMessage = z.infer<typeof captionStateMessage>;

const MAX_MESSAGE_BYTES = 1024;

export function encodeCaptionState(message: CaptionStateMessage): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(JSON.stringify(message));
}

/** The message another participant sent, or null for anything that is not one we understand. */
export function decodeCaptionState(payload: Uint8Array): CaptionStateMessage | null {
  if (payload.byteLength > MAX_MESSAGE_BYTES) return null;
  try {
    const parsed = captionStateMessage.safeParse(JSON.parse(new TextDecoder().decode(payload)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The state part of a message; a reason belongs to an error only. */
export function captionStateOf(m: Extract<CaptionStateMessage, { type: "state" }>): CaptionState {
  const reason = m.state === "error" && m.reason ? { reason: m.reason } : {};
  // Silence is news only while the stream should carry the voice.
  const mic = m.mic && m.state === "streaming" ? { mic: m.mic } : {};
  return { state: m.state, ...reason, lagMs: m.lagMs, paused: m.paused, ...mic };
}
