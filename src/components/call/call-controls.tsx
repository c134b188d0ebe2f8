"use client";

import {
  CameraDisabledIcon,
  CameraIcon,
  ChatIcon,
  GearIcon,
  LeaveIcon,
  MicDisabledIcon,
  MicIcon,
  ScreenShareIcon,
  ScreenShareStopIcon,
  useTrackToggle,
} from "@livekit/components-react";
import { Track } from "livekit-client";
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { plural } from "@/i18n/format";
import type { Locale } from "@/i18n/config";
import type { Messages } from "@/i18n/messages/en";
import { PendingButton } from "../ui";
import { sessionsApi } from "@/modules/core/sessions/api/contract";
import { callApi } from "../use-api";
import { CaptionButtons } from "../captions/captions-provider";
import { CallRecordControl } from "../recording/recording-provider";
import { rememberMediaChoice } from "./media-choices";
import { PeopleActions } from "./people-actions";

type T = Messages["call"];
export type Panel = "people" | "chat" | "devices" | "transcript";

const base =
  "inline-flex h-11 items-center justify-center gap-2 rounded-full px-3.5 text-sm font-medium transition-colors " +
  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-400 disabled:opacity-60 sm:px-4";
/** The control bar's ordinary button. */
const neutral = `${base} bg-zinc-800 text-white hover:bg-zinc-700 aria-pressed:bg-zinc-600`;
const off = `${base} bg-red-600 text-white hover:bg-red-500`;

function Label({ children }: { children: ReactNode }) {
  return <span className="hidden lg:inline">{children}</span>;
}

function MediaToggle({
  source,
  label,
  onDeviceError,
}: {
  source: Track.Source.Microphone | Track.Source.Camera;
  label: string;
  onDeviceError: (err: Error) => void;
}) {
  const mic = source === Track.Source.Microphone;
  // The next join starts the way this person last left it. Stable: the toggle calls it from an
  // effect that runs again whenever it changes, and would then lose the "by the user" flag.
  const onChange = useCallback(
    (on: boolean, byUser: boolean) =>
      byUser && rememberMediaChoice(mic ? { audioEnabled: on } : { videoEnabled: on }),
    [mic],
  );
  const { buttonProps, enabled } = useTrackToggle({ source, onDeviceError, onChange });
  const Icon = mic ? (enabled ? MicIcon : MicDisabledIcon) : enabled ? CameraIcon : CameraDisabledIcon;
  return (
    <button
      {...buttonProps}
      type="button"
      aria-label={label}
      title={label}
      className={enabled ? neutral : off}
    >
      <Icon aria-hidden />
      <Label>{label}</Label>
    </button>
  );
}

function ScreenShareToggle({ label, onDeviceError }: { label: string; onDeviceError: (err: Error) => void }) {
  const { buttonProps, enabled } = useTrackToggle({
    source: Track.Source.ScreenShare,
    captureOptions: { audio: true, selfBrowserSurface: "include" },
    // Closing the browser's share picker is a choice, not a failure worth a message.
    onDeviceError: (err) => err.name !== "NotAllowedError" && err.name !== "AbortError" && onDeviceError(err),
  });
  return (
    <button
      {...buttonProps}
      type="button"
      aria-label={label}
      title={label}
      className={enabled ? `${base} bg-indigo-600 text-white hover:bg-indigo-500` : neutral}
    >
      {enabled ? <ScreenShareStopIcon aria-hidden /> : <ScreenShareIcon aria-hidden />}
      <Label>{label}</Label>
    </button>
  );
}

type Props = {
  slug: string;
  canEnd: boolean;
  panel: Panel | null;
  unread: number;
  onPanel: (panel: Panel) => void;
  onDeviceError: (err: Error) => void;
  onLeave: () => void;
  onEnded: () => void;
  canShareScreen: boolean;
  locale: Locale;
  t: T;
  errors: Messages["errors"];
};

export function CallControls(props: Props) {
  const { t, panel } = props;
  const panelButton = (name: Panel, label: string, icon: ReactNode, extra?: string) => (
    <button
      type="button"
      aria-pressed={panel === name}
      // Only while it is open: an id reference to nothing is invalid ARIA.
      aria-controls={panel === name ? "call-panel" : undefined}
      aria-label={extra ? `${label}, ${extra}` : label}
      title={label}
      onClick={() => props.onPanel(name)}
      className={`${neutral} relative`}
    >
      {icon}
      <Label>{label}</Label>
      {extra && (
        <span
          aria-hidden
          className="absolute -right-0.5 -top-0.5 size-3 rounded-full bg-indigo-400 ring-2 ring-zinc-950"
        />
      )}
    </button>
  );

  return (
    <div
      role="toolbar"
      aria-label={t.controls}
      className="flex flex-wrap items-center justify-center gap-2 border-t border-white/10 px-3 py-3"
    >
      <MediaToggle
        source={Track.Source.Microphone}
        label={t.microphone}
        onDeviceError={props.onDeviceError}
      />
      <MediaToggle source={Track.Source.Camera} label={t.camera} onDeviceError={props.onDeviceError} />
      {props.canShareScreen && (
        <ScreenShareToggle label={t.shareScreen} onDeviceError={props.onDeviceError} />
      )}
      {/* After the media toggles: captions over video, their language, pause my captions. */}
      <CaptionButtons className={neutral} locale={props.locale} t={t} />
      <CallRecordControl className={neutral} />
      <PeopleActions className={neutral} />
      <span aria-hidden className="mx-1 hidden h-6 w-px bg-white/10 sm:block" />
      {panelButton("people", t.participantsTitle, <PeopleIcon />)}
      {panelButton(
        "chat",
        t.chatTitle,
        <ChatIcon aria-hidden />,
        props.unread > 0 ? plural(props.locale, t.chatUnread, props.unread) : undefined,
      )}
      {panelButton("transcript", t.captions.transcriptTitle, <TranscriptIcon />)}
      {panelButton("devices", t.devicesTitle, <GearIcon aria-hidden />)}
      <span aria-hidden className="mx-1 hidden h-6 w-px bg-white/10 sm:block" />
      <button
        type="button"
        onClick={props.onLeave}
        className={`${base} bg-white text-zinc-900 hover:bg-zinc-200`}
      >
        <LeaveIcon aria-hidden />
        {t.leave}
      </button>
      {props.canEnd && (
        <EndForEveryone slug={props.slug} onEnded={props.onEnded} t={t} errors={props.errors} />
      )}
    </div>
  );
}

function PeopleIcon() {
  return (
    <svg aria-hidden width="16" height="16" viewBox="0 0 16 16" fill="currentColor">
      <circle cx="5.5" cy="5" r="2.5" />
      <circle cx="11.5" cy="5.5" r="2" />
      <path d="M0.5 13.5c0-2.8 2.2-4.5 5-4.5s5 1.7 5 4.5v.5h-10z" />
      <path d="M11.5 9c2.4 0 4 1.4 4 3.8v.7h-3.9c0-1.7-.6-3.2-1.7-4.3.5-.1 1-.2 1.6-.2z" />
    </svg>
  );
}

function TranscriptIcon() {
  return (
    <svg aria-hidden width="16" height="16" viewBox="0 0 16 16" fill="currentColor">
      <path d="M2 2.5h12v1.5H2zM2 6h9v1.5H2zM2 9.5h12V11H2zM2 13h7v1.5H2z" />
    </svg>
  );
}

/** A modal <dialog>: focus is trapped and Escape cancels, and the safe choice gets focus first. */
function EndForEveryone({
  slug,
  onEnded,
  t,
  errors,
}: {
  slug: string;
  onEnded: () => void;
  t: T;
  errors: Messages["errors"];
}) {
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      cancelRef.current?.focus();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);

  async function onConfirm() {
    setPending(true);
    setError(null);
    const result = await callApi(sessionsApi.end, { params: { slug } }, errors);
    setPending(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setOpen(false);
    onEnded();
  }

  return (
    <>
      <button
        type="button"
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
        className={`${base} bg-red-600 text-white hover:bg-red-500`}
      >
        {t.endForAll}
      </button>
      <dialog
        ref={dialogRef}
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        onClose={() => setOpen(false)}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl bg-white p-6 text-zinc-900 shadow-xl backdrop:bg-black/60"
      >
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {t.endConfirmTitle}
        </h2>
        <p id={`${id}-body`} className="mt-2 text-sm text-zinc-600">
          {t.endConfirmBody}
        </p>
        <p role="alert" className={error ? "mt-3 text-sm text-red-700" : "sr-only"}>
          {error ?? ""}
        </p>
        <div className="mt-6 flex flex-wrap justify-end gap-2">
          <button
            ref={cancelRef}
            type="button"
            onClick={() => setOpen(false)}
            disabled={pending}
            className="inline-flex min-h-9 items-center rounded-md bg-white px-3.5 py-2 text-sm font-medium text-zinc-900 shadow-sm ring-1 ring-inset ring-zinc-300 hover:bg-zinc-50"
          >
            {t.cancel}
          </button>
          <PendingButton variant="danger" onClick={onConfirm} pending={pending} pendingLabel={t.ending}>
            {t.endConfirm}
          </PendingButton>
        </div>
      </dialog>
    </>
  );
}
