/**
 * What the server puts into a call's LiveKit room besides tokens: participant attributes only the
 * server can set (tokens carry `canUpdateOwnMetadata: false`) and data messages whose sender is the
 * server itself. The browser reads them in components/call/room-protocol.ts.
 */

/** A raised hand: the server's ISO time of the raise (so hands sort in raise order); absent when down. */
export const HAND_ATTRIBUTE = "rooms.hand";

/** Messages from the server to one participant; a participant-sent message on this topic is ignored. */
export const MODERATION_TOPIC = "rooms.moderation";
export type ModerationNotice = { type: "muted" };
