"use client";

import { usePreviewTracks } from "@livekit/components-react";
import { Track, type LocalAudioTrack, type LocalVideoTrack } from "livekit-client";
import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type FormEvent,
  type ReactNode,
} from "react";
import { format } from "@/i18n/format";
import type { Messages } from "@/i18n/messages/en";
import { FormError, PendingButton, TextField } from "../ui";
import { usePreference } from "../use-preference";
import { CopyJoiningInfoButton, type JoiningInfo } from "./copy-joining-info";
import { MediaBlocked, NOT_BLOCKED, isPermissionDenied, type Blocked } from "./media-blocked";
import { MEDIA_CHOICES, type MediaChoices } from "./media-choices";
import { DeviceField, MicLevel } from "./pre-join-devices";

const noSubscribe = () => () => {};

type Props = {
  /** For "Copy joining info". */
  joining: JoiningInfo;
  title: string;
  context: string;
  /** Anonymous guests type a name; signed-in people join under their account name. */
  askName: boolean;
  defaultName: string;
  pending: boolean;
  error: string | null;
  onJoin: (choices: MediaChoices, name: string) => void;
  /** Told before joining, as consent asks: "This call is being recorded". */
  recordingNotice?: string | null;
  /** Who is already in the call. */
  people?: ReactNode;
  /** A guest who will knock (the host lets every guest in): said before Join, and Join says "Ask". */
  askFirst?: { notice: string; button: string } | null;
  t: Messages["call"];
};

export function PreJoin({
  joining,
  title,
  context,
  askName,
  defaultName,
  pending,
  error,
  onJoin,
  recordingNotice,
  people,
  askFirst,
  t,
}: Props) {
  const id = useId();
  // Remembered in this browser (the next visit starts with them); the fallback until hydrated.
  const [remembered, setChoices] = usePreference(MEDIA_CHOICES);
  const [mediaError, setMediaError] = useState<string | null>(null);
  // What the browser refused: shown off (and joined off) without forgetting that this person wants it.
  const [blocked, setBlocked] = useState<Blocked>(NOT_BLOCKED);
  const choices = useMemo(
    () => ({
      ...remembered,
      audioEnabled: remembered.audioEnabled && !blocked.audio,
      videoEnabled: remembered.videoEnabled && !blocked.video,
    }),
    [remembered, blocked],
  );
  // Read after hydration only: the server cannot know, and assuming "secure" avoids a false alarm.
  const secure = useSyncExternalStore(
    noSubscribe,
    () => window.isSecureContext,
    () => true,
  );
  // No preview before the remembered choices are read, so a camera turned off never flashes on.
  const hydrated = useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );

  const options = useMemo(
    () => ({
      audio: hydrated && choices.audioEnabled ? { deviceId: choices.audioDeviceId || undefined } : false,
      video: hydrated && choices.videoEnabled ? { deviceId: choices.videoDeviceId || undefined } : false,
    }),
    [choices, hydrated],
  );
  // The preview asks for both at once, so a refusal covers whichever it asked for.
  const onMediaError = useCallback(
    (e: Error) => {
      if (isPermissionDenied(e))
        setBlocked({ audio: options.audio !== false, video: options.video !== false });
      else setMediaError(e.message || e.name);
    },
    [options],
  );
  const tracks = usePreviewTracks(options, onMediaError);
  const videoTrack = choices.videoEnabled
    ? (tracks?.find((tr) => tr.kind === Track.Kind.Video) as LocalVideoTrack | undefined)
    : undefined;
  const audioTrack = choices.audioEnabled
    ? (tracks?.find((tr) => tr.kind === Track.Kind.Audio) as LocalAudioTrack | undefined)
    : undefined;

  const videoRef = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const el = videoRef.current;
    if (!el || !videoTrack) return;
    videoTrack.attach(el);
    return () => {
      videoTrack.detach(el);
    };
  }, [videoTrack]);

  const update = (patch: Partial<MediaChoices>) => {
    setMediaError(null);
    // Turning a blocked one on asks the browser again.
    setBlocked({
      audio: blocked.audio && patch.audioEnabled === undefined,
      video: blocked.video && patch.videoEnabled === undefined,
    });
    setChoices({ ...remembered, ...patch });
  };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = askName ? String(new FormData(event.currentTarget).get("name") ?? "").trim() : defaultName;
    onJoin(choices, name);
  }

  return (
    <div className="mx-auto grid max-w-4xl gap-6 md:grid-cols-[minmax(0,3fr)_minmax(0,2fr)] md:items-start">
      <div className="space-y-3">
        <div className="fixed-palette relative aspect-video overflow-hidden rounded-xl bg-zinc-900 shadow-sm ring-1 ring-zinc-900/10">
          <video
            ref={videoRef}
            aria-label={t.previewLabel}
            muted
            playsInline
            className={`size-full -scale-x-100 object-cover ${videoTrack ? "" : "hidden"}`}
          />
          {!videoTrack && (
            <p className="absolute inset-0 flex items-center justify-center text-sm font-medium text-zinc-300">
              {choices.videoEnabled ? t.cameraStarting : t.cameraOff}
            </p>
          )}
        </div>
        {/* Shown once the remembered choices are read: a switch must never show one state and hold another. */}
        <div className="grid min-h-16 gap-3 sm:grid-cols-2">
          {hydrated && (
            <>
              <DeviceField
                kind="audioinput"
                label={t.microphoneDevice}
                toggleLabel={t.microphone}
                enabled={choices.audioEnabled}
                deviceId={choices.audioDeviceId}
                defaultLabel={t.defaultDevice}
                onToggle={() => update({ audioEnabled: !choices.audioEnabled })}
                onDevice={(audioDeviceId) => update({ audioDeviceId })}
              />
              <DeviceField
                kind="videoinput"
                label={t.cameraDevice}
                toggleLabel={t.camera}
                enabled={choices.videoEnabled}
                deviceId={choices.videoDeviceId}
                defaultLabel={t.defaultDevice}
                onToggle={() => update({ videoEnabled: !choices.videoEnabled })}
                onDevice={(videoDeviceId) => update({ videoDeviceId })}
              />
            </>
          )}
        </div>
        {audioTrack && <MicLevel track={audioTrack} label={t.micLevel} />}
        <MediaBlocked blocked={blocked} onRetry={() => setBlocked(NOT_BLOCKED)} tone="light" t={t.bar} />
        {(mediaError || !secure) && (
          <p
            role="status"
            className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800 ring-1 ring-amber-200"
          >
            {secure ? format(t.mediaError, { reason: mediaError ?? "" }) : t.insecure}
          </p>
        )}
      </div>

      <form
        onSubmit={onSubmit}
        aria-describedby={`${id}-error`}
        className="space-y-5 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm sm:p-6"
      >
        <div>
          <p className="text-sm font-medium text-zinc-500">{context}</p>
          <h1 className="mt-1 break-words text-2xl font-semibold tracking-tight text-zinc-900">{title}</h1>
          <p className="mt-2 text-sm text-zinc-600">{t.prejoinHint}</p>
        </div>
        {people}
        <CopyJoiningInfoButton info={joining} t={t.bar} />
        {recordingNotice && (
          <p
            role="status"
            data-testid="prejoin-recording"
            className="flex items-start gap-2 rounded-md bg-red-50 px-3 py-2 text-sm font-medium text-red-800 ring-1 ring-red-200"
          >
            <span aria-hidden className="mt-1.5 size-2 shrink-0 rounded-full bg-red-600" />
            {recordingNotice}
          </p>
        )}
        {askName ? (
          <TextField
            id={`${id}-name`}
            label={t.nameLabel}
            hint={t.nameHint}
            name="name"
            required
            maxLength={80}
            autoComplete="name"
            defaultValue={defaultName}
            error={error}
            errorId={`${id}-error`}
          />
        ) : (
          <p className="text-sm text-zinc-700">{format(t.joiningAs, { name: defaultName })}</p>
        )}
        {askFirst && (
          <p
            data-testid="prejoin-ask-first"
            className="rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-900 ring-1 ring-indigo-200"
          >
            {askFirst.notice}
          </p>
        )}
        <FormError id={`${id}-error`} message={error} />
        <PendingButton type="submit" className="w-full" pending={pending} pendingLabel={t.joining}>
          {askFirst ? askFirst.button : t.join}
        </PendingButton>
      </form>
    </div>
  );
}
