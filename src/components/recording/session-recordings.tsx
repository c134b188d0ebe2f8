import { format } from "@/i18n/format";
import type { Messages } from "@/i18n/messages/en";
import type { RecordingView } from "@/modules/core/recording/domain/recording-view";
import { offsetLabel } from "@/modules/core/transcripts/domain/transcript-export";
import { RecordingPlayer, type PlayerRecording } from "./recording-player";

/** READY recordings with a known length, oldest first: what the player can play. */
export function playable(
  recordings: RecordingView[],
  wallClock: (d: Date) => string,
  t: Messages["recording"],
) {
  return recordings
    .filter((r) => r.status === "READY" && r.durationMs !== null)
    .map((r): PlayerRecording => ({
      id: r.id,
      startedAtMs: Date.parse(r.startedAt),
      durationMs: r.durationMs!,
      label: format(t.option, {
        time: wallClock(new Date(r.startedAt)),
        duration: offsetLabel(r.durationMs!),
      }),
    }))
    .sort((a, b) => a.startedAtMs - b.startedAtMs);
}

/** What the transcript page says about recordings that cannot play (yet), then the player. */
export function SessionRecordings(props: {
  slug: string;
  recordings: RecordingView[];
  ready: PlayerRecording[];
  originMs: number;
  focusOffsetMs: number | null;
  canManage: boolean;
  t: Messages["recording"];
  errors: Messages["errors"];
}) {
  const { t } = props;
  const notes = props.recordings.flatMap((r) => {
    if (r.status === "STARTING" || r.status === "RECORDING") return [t.running];
    if (r.status === "PROCESSING") return [t.processing];
    // The reason is for whoever can act on it.
    if (r.status === "FAILED" && props.canManage)
      return [format(t.failedRow, { reason: r.failureReason ?? t.unknownReason })];
    return [];
  });
  return (
    <div className="space-y-3">
      {[...new Set(notes)].map((note) => (
        <p
          key={note}
          role="status"
          className="rounded-md bg-zinc-50 px-3 py-2 text-sm text-zinc-700 ring-1 ring-zinc-200"
        >
          {note}
        </p>
      ))}
      {props.ready.length > 0 && (
        <RecordingPlayer
          slug={props.slug}
          recordings={props.ready}
          originMs={props.originMs}
          focusOffsetMs={props.focusOffsetMs}
          canDelete={props.canManage}
          t={t}
          errors={props.errors}
        />
      )}
    </div>
  );
}
