/**
 * Reactions: a few emoji, sent as data messages and shown for a moment over the sender's tile.
 * What a message says is only which emoji; who sent it is LiveKit's authenticated sender identity,
 * never a field of the message, so nobody can react as someone else.
 */

export const REACTIONS = [
  { emoji: "👍", key: "thumbsUp" },
  { emoji: "❤️", key: "heart" },
  { emoji: "😂", key: "laugh" },
  { emoji: "🎉", key: "party" },
  { emoji: "👏", key: "clap" },
  { emoji: "😮", key: "wow" },
] as const;

export type ReactionKey = (typeof REACTIONS)[number]["key"];

/** How long a reaction stays over the sender's tile. */
export const REACTION_SHOWN_MS = 4_000;

export function encodeReaction(key: ReactionKey): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(JSON.stringify({ reaction: key }));
}

/** The reaction a message names, or null for anything else (other fields are ignored). */
export function decodeReaction(payload: Uint8Array): ReactionKey | null {
  try {
    const value = (JSON.parse(new TextDecoder().decode(payload)) as { reaction?: unknown })?.reaction;
    return REACTIONS.find((r) => r.key === value)?.key ?? null;
  } catch {
    return null;
  }
}

/**
 * At most `max` reactions per sender in any `windowMs`: the sender's button and every receiver
 * apply it, so a participant who floods the topic with their own client is still shown at this pace.
 */
export function reactionGate(max = 3, windowMs = 5_000) {
  const recent = new Map<string, number[]>();
  return (sender: string, now: number): boolean => {
    const times = (recent.get(sender) ?? []).filter((t) => now - t < windowMs);
    if (times.length >= max) {
      recent.set(sender, times);
      return false;
    }
    times.push(now);
    recent.set(sender, times);
    return true;
  };
}
