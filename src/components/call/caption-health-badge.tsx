"use client";

import { format } from "@/i18n/format";
import type { Messages } from "@/i18n/messages/en";
import type { PeopleText } from "@/i18n/messages/people";
import type { CaptionHealthState, CaptionState } from "@/modules/core/captions/client/caption-health";

type T = Messages["call"];

const TONE: Record<Exclude<CaptionHealthState, "off">, string> = {
  streaming: "bg-emerald-500/15 text-emerald-300",
  paused: "bg-zinc-500/20 text-zinc-300",
  muted: "bg-zinc-500/20 text-zinc-300",
  connecting: "bg-amber-500/15 text-amber-300",
  disconnected: "bg-red-500/15 text-red-300",
  error: "bg-red-500/15 text-red-300",
  delayed: "bg-amber-500/15 text-amber-300",
  catching_up: "bg-amber-500/15 text-amber-300",
  busy: "bg-red-500/15 text-red-300",
};

const ENGINE_NAMES: Record<string, string> = {
  whisper: "Whisper",
  pocketsphinx: "PocketSphinx",
  gladia: "Gladia",
};

const chip = "inline-block max-w-full rounded px-1.5 py-0.5 text-xs break-words";

/**
 * The caption state a participant's browser sent about itself (use-caption-states.ts), for the
 * host: one chip per figure, wrapping onto more lines rather than cutting any off, each with a
 * tooltip saying what it means. Nothing when they sent none (an older client) or captions are off:
 * only a stream that should run is news.
 */
export function CaptionHealthBadge(props: {
  health: CaptionState | undefined;
  t: T;
  /** What each chip means (the participants panel's tooltips). */
  hints: PeopleText["chips"];
  completeness: number | null;
  /** The recognizer the ws server metered their stream on: the host sees e.g. a PocketSphinx fallback. */
  engine: string | null;
}) {
  const { health, t, hints, completeness, engine } = props;
  if (!health || health.state === "off") return null;
  const { lagMs } = health;
  const micSilent = health.mic === "silent";
  const label = micSilent
    ? t.captionHealth.micSilent
    : health.state === "error"
      ? health.reason
        ? format(t.captionHealth.error, { reason: health.reason })
        : t.captionHealth.errorUnknown
      : t.captionHealth[health.state];
  return (
    <div
      role="status"
      data-caption-health={health.state}
      data-mic-health={micSilent ? "silent" : undefined}
      className="mt-1 flex min-w-0 flex-wrap gap-1"
    >
      <span
        title={`${hints.captions}: ${label}`}
        className={`${chip} ${micSilent ? TONE.error : TONE[health.state]}`}
      >
        {label}
      </span>
      {health.state === "streaming" && lagMs !== null && (
        <span data-caption-lag={lagMs} title={hints.lag} className={`${chip} ${TONE.streaming}`}>
          {format(t.captionHealth.lag, { seconds: (lagMs / 1000).toFixed(1) })}
        </span>
      )}
      {engine !== null && (
        <span
          data-caption-engine={engine}
          title={hints.engine}
          className={`${chip} bg-zinc-500/20 text-zinc-200`}
        >
          {format(t.captionHealth.engine, { engine: ENGINE_NAMES[engine] ?? engine })}
        </span>
      )}
      {completeness !== null && (
        // The denominator is the browser's own report: say so rather than present it as measured.
        <span
          data-caption-completeness={completeness}
          data-client-reported="true"
          title={`${hints.completeness}. ${t.captionHealth.clientReported}`}
          className={`${chip} bg-zinc-500/20 text-zinc-200`}
        >
          {format(t.captionHealth.completeness, { percent: Math.round(Math.min(1, completeness) * 100) })}
        </span>
      )}
    </div>
  );
}

/** A participant with no caption stream at all: they joined with another LiveKit client. */
export function NotCaptionedBadge({ t }: { t: T }) {
  return (
    <span
      role="status"
      data-caption-health="not-captioned"
      title={t.captionHealth.notCaptioned}
      className={`mt-1 ${chip} bg-amber-500/15 text-amber-300`}
    >
      {t.captionHealth.notCaptioned}
    </span>
  );
}
