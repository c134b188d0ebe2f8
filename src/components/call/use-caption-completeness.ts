"use client";

import { useEffect, useState } from "react";

const POLL_MS = 3000;

type Figures = { completeness: number | null; engine: string | null };
type HealthResponse = { participants: ({ identity: string } & Figures)[] };

/**
 * The host's view of how much of each participant's audio reached the ws server, and which speech
 * recognizer transcribes them (by LiveKit identity), polled while the participants panel is open. A failed poll keeps the last figures:
 * this is a hint beside the live state, which comes from each client (use-caption-states.ts).
 */
export function useCaptionCompleteness(slug: string | undefined, enabled: boolean) {
  const [byIdentity, setByIdentity] = useState<ReadonlyMap<string, Figures>>(new Map());
  useEffect(() => {
    if (!enabled || !slug) return;
    let cancelled = false;
    const poll = async () => {
      try {
        const res = await fetch(`/api/sessions/${slug}/transcription/health`, { credentials: "same-origin" });
        if (!res.ok || cancelled) return;
        const body = (await res.json()) as HealthResponse;
        if (!cancelled)
          setByIdentity(
            new Map(
              body.participants.map((p) => [p.identity, { completeness: p.completeness, engine: p.engine }]),
            ),
          );
      } catch {
        // Offline for a moment: the next poll tries again.
      }
    };
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [slug, enabled]);
  return byIdentity;
}
