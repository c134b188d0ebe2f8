"use client";

import type { Participant } from "livekit-client";
import { useEffect, useState } from "react";
import { nextCheckAt, notCaptioned } from "./not-captioned";

/**
 * The identities of `participants` without a caption stream, re-judged when the next one's wait
 * is over. The wait counts from this client's own join (caption states are heard from then on,
 * use-caption-states.ts) or the other's, whichever is later. Only for the host (`on`).
 */
export function useNotCaptioned(
  participants: readonly Participant[],
  local: Participant,
  states: ReadonlyMap<string, unknown>,
  on: boolean,
): ReadonlySet<string> {
  const [mountedAt] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  const since = local.joinedAt?.getTime() ?? mountedAt;
  const next = on ? nextCheckAt(participants, states, now, since) : null;
  useEffect(() => {
    if (next === null) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.max(0, next - Date.now()));
    return () => clearTimeout(timer);
  }, [next]);
  return on ? notCaptioned(participants, states, now, since) : new Set();
}
