/**
 * LiveKit topics, stream attributes and participant metadata the call's clients exchange, in one place. Whatever arrives
 * on them came from another participant's browser: it is read keyed by the sender identity LiveKit
 * authenticated, never by anything the sender wrote into the message.
 */

/** Live captions: one text stream per update of an utterance (components-react's topic). */
export const TRANSCRIPTION_TOPIC = "lk.transcription";
export const TRANSCRIPTION_ATTR = {
  /** The utterance id; unique only per speaker, so lines are keyed by sender and segment. */
  segmentId: "lk.segment_id",
  /** The sid of the sender's own microphone track: a stream naming any other track is dropped. */
  trackId: "lk.transcribed_track_id",
  final: "lk.transcription_final",
} as const;

/** Translations of a speaker's finals, relayed by that speaker's client. */
export const TRANSLATION_TOPIC = "rooms.translation";
export const TRANSLATION_ATTR = {
  segmentId: "rooms.segment_id",
  language: "rooms.language",
  trackId: TRANSCRIPTION_ATTR.trackId,
} as const;

/** Each client's own caption state (reliable data messages; see caption-state.ts). */
export const CAPTION_STATE_TOPIC = "rooms.caption-state";

/**
 * "Read the recordings list again": a nudge from whoever pressed Record/Stop (use-call-recording.tsx).
 * Its payload means nothing; a participant sending it can make others read sooner, never show
 * something untrue.
 */
export const RECORDING_TOPIC = "rooms.recording";

/** Reactions (reactions.ts): the message names an emoji; the sender is LiveKit's. */
export const REACTION_TOPIC = "rooms.reaction";

/**
 * Set by the server only (sessions/domain/room-signals.ts): a participant's raised hand as an
 * attribute, and server-sent notices ("the host muted you") that a participant's message on the same
 * topic cannot imitate: LiveKit names a participant as its sender, and those are ignored.
 */
export { HAND_ATTRIBUTE, MODERATION_TOPIC } from "@/modules/core/sessions/domain/room-signals";

/**
 * The participant metadata the server puts in each LiveKit token (sessions/application/issue-token.ts,
 * `{"role":"HOST"}`); participants cannot change it, so a badge read from it is the server's word.
 */
export const PARTICIPANT_METADATA = { role: "role" } as const;
