"use client";

import { GridLayout, TrackRefContext, isTrackReference, useTracks } from "@livekit/components-react";
import { Track } from "livekit-client";
import type { Messages } from "@/i18n/messages/en";
import { CallCaptionsOverlay } from "../captions/captions-provider";
import { CallTile } from "./call-tile";

/**
 * The call's video: a screen share large with the cameras in a column beside it (hidden on a
 * phone), else a grid of cameras; the captions over it, and a veil while the room connects.
 */
export function CallStage({ connecting, t }: { connecting: boolean; t: Messages["call"] }) {
  const tracks = useTracks(
    [
      { source: Track.Source.Camera, withPlaceholder: true },
      { source: Track.Source.ScreenShare, withPlaceholder: false },
    ],
    { onlySubscribed: false },
  );
  const screen = tracks.find((tr) => isTrackReference(tr) && tr.source === Track.Source.ScreenShare);
  const cameras = tracks.filter((tr) => tr.source === Track.Source.Camera);
  const tile = <CallTile t={t} you={t.you} />;

  return (
    <div className="relative min-w-0 flex-1">
      {screen ? (
        <div className="flex h-full gap-2 p-2">
          <div className="min-w-0 flex-1">
            <TrackRefContext.Provider value={screen}>{tile}</TrackRefContext.Provider>
          </div>
          <div className="hidden w-56 shrink-0 flex-col gap-2 overflow-y-auto md:flex">
            {cameras.map((tr) => (
              <div key={`${tr.participant.identity}-${tr.source}`} className="aspect-video shrink-0">
                <TrackRefContext.Provider value={tr}>{tile}</TrackRefContext.Provider>
              </div>
            ))}
          </div>
        </div>
      ) : (
        <GridLayout tracks={cameras}>{tile}</GridLayout>
      )}
      <CallCaptionsOverlay t={t} />
      {connecting && (
        <p className="absolute inset-0 flex items-center justify-center bg-zinc-950/70 text-sm font-medium">
          {t.connecting}
        </p>
      )}
    </div>
  );
}
