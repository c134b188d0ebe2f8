"use client";

import {
  MicDisabledIcon,
  ParticipantTile,
  QualityExcellentIcon,
  QualityGoodIcon,
  QualityPoorIcon,
  QualityUnknownIcon,
  ScreenShareIcon,
  VideoTrack,
  isTrackReference,
  useConnectionQualityIndicator,
  useIsMuted,
  useTrackRefContext,
} from "@livekit/components-react";
import { ConnectionQuality, Track, type Participant } from "livekit-client";
import { format } from "@/i18n/format";
import type { Messages } from "@/i18n/messages/en";
import { initials } from "../ui";
import { badgeOf } from "./participant-role";
import { HandBadge, TileReaction } from "./people-badges";

type T = Messages["call"];

export const nameOf = (p: Participant) => p.name || p.identity;

export function RoleBadge({ participant, t, hint }: { participant: Participant; t: T; hint?: string }) {
  const badge = badgeOf(participant);
  if (!badge) return null;
  return (
    <span
      title={badge === "GUEST" ? t.guestHint : hint}
      data-badge={badge}
      className={`inline-flex items-center rounded-full px-1.5 py-0.5 text-[0.6875rem] font-semibold leading-none ring-1 ring-inset ${
        badge === "HOST"
          ? "bg-indigo-500/25 text-indigo-100 ring-indigo-300/40"
          : "bg-amber-400/20 text-amber-100 ring-amber-300/40"
      }`}
    >
      {t.roles[badge]}
    </span>
  );
}

const QUALITY = {
  [ConnectionQuality.Excellent]: { Icon: QualityExcellentIcon, key: "excellent" },
  [ConnectionQuality.Good]: { Icon: QualityGoodIcon, key: "good" },
  [ConnectionQuality.Poor]: { Icon: QualityPoorIcon, key: "poor" },
  [ConnectionQuality.Lost]: { Icon: QualityPoorIcon, key: "lost" },
  [ConnectionQuality.Unknown]: { Icon: QualityUnknownIcon, key: "unknown" },
} as const;

export function QualityBadge({ participant, t }: { participant: Participant; t: T }) {
  const { quality } = useConnectionQualityIndicator({ participant });
  const { Icon, key } = QUALITY[quality] ?? QUALITY[ConnectionQuality.Unknown];
  const label = t.quality[key];
  return (
    <span
      role="img"
      aria-label={label}
      title={label}
      data-quality={key}
      className="inline-flex size-5 shrink-0"
    >
      <Icon aria-hidden className="size-5" />
    </span>
  );
}

/** One video tile; rendered by GridLayout for each track, which supplies the track in context. */
export function CallTile({ t, you }: { t: T; you: string }) {
  const trackRef = useTrackRefContext();
  const participant = trackRef.participant;
  const micMuted = useIsMuted({ participant, source: Track.Source.Microphone });
  const screen = trackRef.source === Track.Source.ScreenShare;
  const name = nameOf(participant);

  return (
    <ParticipantTile trackRef={trackRef} className="h-full bg-zinc-900">
      {isTrackReference(trackRef) && <VideoTrack trackRef={trackRef} />}
      {!screen && <TileReaction participant={participant} />}
      <div className="lk-participant-placeholder">
        <span
          aria-hidden
          className="flex size-20 items-center justify-center rounded-full bg-indigo-500/20 text-2xl font-semibold text-indigo-100 ring-1 ring-indigo-300/30"
        >
          {initials(name)}
        </span>
      </div>
      <div className="lk-participant-metadata">
        <div className="lk-participant-metadata-item min-w-0 gap-1.5 px-2 py-1 text-sm">
          {screen ? (
            <>
              <ScreenShareIcon aria-hidden className="shrink-0" />
              <span className="truncate">{format(t.screenOf, { name })}</span>
            </>
          ) : (
            <>
              {micMuted && (
                <span role="img" aria-label={t.micMuted} title={t.micMuted} className="shrink-0 text-red-400">
                  <MicDisabledIcon aria-hidden />
                </span>
              )}
              <span className="truncate">
                {name}
                {participant.isLocal && <span className="text-zinc-400"> ({you})</span>}
              </span>
              <RoleBadge participant={participant} t={t} />
              <HandBadge participant={participant} />
            </>
          )}
        </div>
        {!screen && (
          <div className="lk-participant-metadata-item">
            <QualityBadge participant={participant} t={t} />
          </div>
        )}
      </div>
    </ParticipantTile>
  );
}
