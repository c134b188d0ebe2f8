"use client";

import { useMemo } from "react";
import type { ErrorMessages } from "@/i18n/messages/en";
import { usageApi } from "@/modules/core/usage/api/contract";
import { usePolling } from "../use-polling";

const POLL_MS = 3000;

type Figures = { completeness: number | null; engine: string | null };

/**
 * The host's view of how much of each participant's audio reached the ws server, and which speech
 * recognizer transcribes them (by LiveKit identity), polled while the participants panel is open. A failed poll keeps the last figures:
 * this is a hint beside the live state, which comes from each client (use-caption-states.ts).
 */
export function useCaptionCompleteness(
  slug: string | undefined,
  enabled: boolean,
  errors: ErrorMessages,
): ReadonlyMap<string, Figures> {
  const body = usePolling(usageApi.captionHealth, enabled && slug ? { slug } : null, POLL_MS, errors);
  return useMemo(
    () =>
      new Map(
        (body?.participants ?? []).map((p) => [
          p.identity,
          { completeness: p.completeness, engine: p.engine },
        ]),
      ),
    [body],
  );
}
