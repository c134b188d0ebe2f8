"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import type { Messages } from "@/i18n/messages/en";
import { buttonClass, inlineSelectClass } from "../ui";
import { recordingsApi } from "@/modules/core/recording/api/contract";
import { callApi } from "../use-api";
import { offsetAt, positionOf, recordingFor, segmentIndexAt, type PlayableRecording } from "./playback";

export type PlayerRecording = PlayableRecording & { label: string };

type Props = {
  slug: string;
  /** READY recordings, oldest first. */
  recordings: PlayerRecording[];
  /** The session's origin (what transcript offsets count from), epoch ms. */
  originMs: number;
  /** A shared segment link's moment: the player opens there. */
  focusOffsetMs: number | null;
  canDelete: boolean;
  t: Messages["recording"];
  errors: Messages["errors"];
};

const segmentsOnPage = () =>
  Array.from(document.querySelectorAll<HTMLElement>("[data-segment][data-offset-ms]"))
    .map((el) => ({ el, at: Number(el.dataset.offsetMs) }))
    .sort((a, b) => a.at - b.at);

/**
 * The recording beside the transcript: the line being heard is highlighted and kept in view
 * (until the reader scrolls away; "Follow playback" brings it back), and clicking a line plays
 * the recording from when it was said. The transcript is server-rendered; lines are found by
 * their `data-offset-ms`, so this works on every page of a long transcript.
 */
export function RecordingPlayer({ slug, recordings, originMs, focusOffsetMs, canDelete, t, errors }: Props) {
  const router = useRouter();
  const videoRef = useRef<HTMLVideoElement>(null);
  const initial =
    (focusOffsetMs !== null && recordingFor(recordings, originMs, focusOffsetMs)) || recordings[0]!;
  const [selectedId, setSelectedId] = useState(initial.id);
  const selected = recordings.find((r) => r.id === selectedId) ?? recordings[0]!;
  // A seek asked for before the file's metadata loaded (a shared link, a line of another recording).
  const pendingSeek = useRef<{ seconds: number; play: boolean } | null>(null);
  const playing = useRef<HTMLElement | null>(null);
  const [following, setFollowing] = useState(true);
  const followingRef = useRef(true);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const follow = useCallback((on: boolean) => {
    followingRef.current = on;
    setFollowing(on);
  }, []);

  const sync = useCallback(() => {
    const video = videoRef.current;
    if (!video) return;
    const items = segmentsOnPage();
    const heard = offsetAt(selected, originMs, video.currentTime);
    const i = segmentIndexAt(
      items.map((s) => s.at),
      heard,
    );
    const el = i >= 0 ? items[i]!.el : null;
    if (el === playing.current) return;
    playing.current?.removeAttribute("data-playing");
    playing.current = el;
    if (!el) return;
    el.setAttribute("data-playing", "true");
    if (followingRef.current) el.scrollIntoView({ block: "center", behavior: "smooth" });
  }, [selected, originMs]);

  const seek = useCallback(
    (offsetMs: number, play: boolean) => {
      const rec = recordingFor(recordings, originMs, offsetMs);
      if (!rec) return false;
      const seconds = positionOf(rec, originMs, offsetMs)!;
      const video = videoRef.current;
      if (rec.id !== selected.id || !video || video.readyState < HTMLMediaElement.HAVE_METADATA) {
        pendingSeek.current = { seconds, play };
        setSelectedId(rec.id);
        return true;
      }
      video.currentTime = seconds;
      if (play) void video.play().catch(() => {});
      return true;
    },
    [recordings, originMs, selected.id],
  );

  // A shared link to a line (or a moment) opens the player there, without playing.
  useEffect(() => {
    if (focusOffsetMs !== null) seek(focusOffsetMs, false);
    // Only when the link changes, not on every selection.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusOffsetMs]);

  // Clicking a line plays from it; links and buttons inside a line keep their own meaning.
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const target = event.target as Element | null;
      if (!target || target.closest("a, button, input, video")) return;
      const line = target.closest<HTMLElement>("[data-segment][data-offset-ms]");
      if (!line) return;
      if (seek(Number(line.dataset.offsetMs), true)) follow(true);
    };
    // Reading elsewhere stops the following; the player's own scrolling sends no wheel or touch.
    const onUserScroll = () => follow(false);
    const onKey = (e: KeyboardEvent) => {
      if (["PageUp", "PageDown", "Home", "End"].includes(e.key)) follow(false);
    };
    document.addEventListener("click", onClick);
    window.addEventListener("wheel", onUserScroll, { passive: true });
    window.addEventListener("touchmove", onUserScroll, { passive: true });
    window.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("click", onClick);
      window.removeEventListener("wheel", onUserScroll);
      window.removeEventListener("touchmove", onUserScroll);
      window.removeEventListener("keydown", onKey);
    };
  }, [seek, follow]);

  function onLoaded() {
    const video = videoRef.current;
    const next = pendingSeek.current;
    pendingSeek.current = null;
    if (video && next) {
      video.currentTime = next.seconds;
      if (next.play) void video.play().catch(() => {});
    }
    sync();
  }

  async function onDelete() {
    if (!window.confirm(t.deleteConfirm)) return;
    setDeleting(true);
    setError(null);
    const res = await callApi(recordingsApi.delete, { params: { slug, id: selected.id } }, errors);
    setDeleting(false);
    if (res.ok) router.refresh();
    else setError(res.message);
  }

  const file = `/api/sessions/${slug}/recordings/${selected.id}/file`;
  return (
    <section aria-labelledby="recording-title" className="space-y-2" data-testid="recording-panel">
      <div className="flex items-center justify-between gap-2">
        <h2 id="recording-title" className="text-sm font-semibold text-zinc-900">
          {t.title}
        </h2>
        {recordings.length > 1 && (
          <select
            aria-label={t.choose}
            value={selected.id}
            onChange={(e) => setSelectedId(e.target.value)}
            className={inlineSelectClass}
          >
            {recordings.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        )}
      </div>
      <video
        key={selected.id}
        ref={videoRef}
        src={file}
        controls
        preload="metadata"
        playsInline
        aria-label={t.playerLabel}
        data-testid="recording-player"
        data-recording-id={selected.id}
        onLoadedMetadata={onLoaded}
        onTimeUpdate={sync}
        onSeeked={sync}
        // A mini player while it sticks to the top of a phone's screen above the transcript.
        className="mx-auto aspect-video w-full rounded-lg bg-black max-lg:h-36 max-lg:w-auto"
      />
      <p className="text-xs text-zinc-500 max-lg:hidden">{t.seekHint}</p>
      <div className="flex flex-wrap items-center gap-2">
        <a href={`${file}?download=1`} download className={buttonClass("secondary")}>
          {t.download}
        </a>
        {!following && (
          <button
            type="button"
            onClick={() => {
              follow(true);
              playing.current?.scrollIntoView({ block: "center", behavior: "smooth" });
            }}
            className={buttonClass("ghost")}
          >
            {t.follow}
          </button>
        )}
        {canDelete && (
          <button
            type="button"
            onClick={() => void onDelete()}
            disabled={deleting}
            className={`${buttonClass("secondary")} ml-auto !text-red-700`}
          >
            {deleting ? t.deleting : t.delete}
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </section>
  );
}
