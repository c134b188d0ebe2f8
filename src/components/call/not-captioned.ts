/**
 * Who in the call has no caption stream: every Rooms page sends its caption state on joining (and
 * answers an ask), so someone who sent none a few seconds after both sides were in the room joined
 * with another LiveKit client (mobile SDK, SIP, the CLI, an agent) and is never captioned.
 */

/** Long enough for a state to cross the SFU on a slow link, short enough to be told while it matters. */
export const NOT_CAPTIONED_AFTER_MS = 5_000;

export type Present = { identity: string; isLocal: boolean; joinedAt?: Date };

/**
 * `since`: when this client began listening for states (a state sent before that never reached
 * it, so the wait counts from then for anyone who was already there).
 */
export function notCaptioned(
  participants: readonly Present[],
  states: ReadonlyMap<string, unknown>,
  now: number,
  since: number,
  afterMs = NOT_CAPTIONED_AFTER_MS,
): Set<string> {
  const out = new Set<string>();
  for (const p of participants) {
    if (p.isLocal || states.has(p.identity)) continue;
    const from = Math.max(since, p.joinedAt?.getTime() ?? since);
    if (now - from >= afterMs) out.add(p.identity);
  }
  return out;
}

/** When the next participant still waiting would be judged, or null when nobody is waiting. */
export function nextCheckAt(
  participants: readonly Present[],
  states: ReadonlyMap<string, unknown>,
  now: number,
  since: number,
  afterMs = NOT_CAPTIONED_AFTER_MS,
): number | null {
  let next: number | null = null;
  for (const p of participants) {
    if (p.isLocal || states.has(p.identity)) continue;
    const at = Math.max(since, p.joinedAt?.getTime() ?? since) + afterMs;
    if (at > now && (next === null || at < next)) next = at;
  }
  return next;
}
