"use client";

import {
  CameraDisabledIcon,
  CameraIcon,
  ChatIcon,
  LeaveIcon,
  MicDisabledIcon,
  MicIcon,
  ScreenShareStopIcon,
  useTrackToggle,
} from "@livekit/components-react";
import { Track } from "livekit-client";
import { useCallback, useRef, useState, type ReactNode, type Ref } from "react";
import { plural } from "@/i18n/format";
import type { Locale } from "@/i18n/config";
import type { Messages } from "@/i18n/messages/en";
import { CaptionsToggle } from "../captions/caption-controls";
import { useCaptions } from "../captions/captions-provider";
import { CallRecordControl } from "../recording/recording-provider";
import { base, neutral, off } from "./control-classes";
import { EndForEveryone } from "./end-for-everyone";
import { rememberMediaChoice } from "./media-choices";
import { PeopleActions } from "./people-actions";
import { MoreMenu } from "./more-menu";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { useCallShortcuts } from "./use-call-shortcuts";

type T = Messages["call"];
export type Panel = "people" | "chat" | "devices" | "transcript" | "captions";

function MediaToggle({
  source,
  label,
  shortcut,
  onDeviceError,
  ref,
}: {
  source: Track.Source.Microphone | Track.Source.Camera;
  label: string;
  shortcut: string;
  onDeviceError: (err: Error) => void;
  ref: Ref<HTMLButtonElement>;
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
      ref={ref}
      type="button"
      aria-label={label}
      aria-keyshortcuts={`Control+${shortcut} Meta+${shortcut}`}
      title={`${label} (Ctrl + ${shortcut})`}
      className={enabled ? neutral : off}
    >
      <Icon aria-hidden />
    </button>
  );
}

type Props = {
  slug: string;
  canEnd: boolean;
  panel: Panel | null;
  unread: number;
  onPanel: (panel: Panel) => void;
  onCopy: () => void;
  /** `kind`: the toggle that failed (none: screen sharing). */
  onDeviceError: (err: Error, kind?: "audio" | "video") => void;
  onLeave: () => void;
  onEnded: () => void;
  canShareScreen: boolean;
  /** The panel opened from the More menu gives focus back to it when it closes. */
  moreRef: Ref<HTMLButtonElement>;
  /** The host's items in More (whether guests ask to join). */
  hostMenu?: ReactNode;
  locale: Locale;
  t: T;
  errors: Messages["errors"];
};

/**
 * One row at any width: the media toggles, captions, recording and the panels in the middle, the
 * rest in More, and Leave / End for everyone always rightmost. Buttons show icons with their name
 * as the tooltip and accessible name (as in Meet), so both languages fit.
 */
export function CallControls(props: Props) {
  const { t, panel } = props;
  const tBar = t.bar;
  const captions = useCaptions();
  const micRef = useRef<HTMLButtonElement>(null);
  const cameraRef = useRef<HTMLButtonElement>(null);
  const [help, setHelp] = useState(false);
  const share = useTrackToggle({
    source: Track.Source.ScreenShare,
    captureOptions: { audio: true, selfBrowserSurface: "include" },
    // Closing the browser's share picker is a choice, not a failure worth a message.
    onDeviceError: (err) =>
      err.name !== "NotAllowedError" && err.name !== "AbortError" && props.onDeviceError(err),
  });
  useCallShortcuts({
    onMicrophone: () => micRef.current?.click(),
    onCamera: () => cameraRef.current?.click(),
    onHelp: () => setHelp(true),
    onEscape: () => panel && props.onPanel(panel),
  });

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
      {extra && (
        <span
          aria-hidden
          className="absolute -right-0.5 -top-0.5 size-3 rounded-full bg-indigo-400 ring-2 ring-zinc-950"
        />
      )}
    </button>
  );

  return (
    <>
      <div
        role="toolbar"
        aria-label={t.controls}
        className="flex items-center gap-2 border-t border-white/10 px-3 py-3"
      >
        <div className="flex min-w-0 flex-1 items-center justify-center gap-2">
          <MediaToggle
            ref={micRef}
            source={Track.Source.Microphone}
            label={t.microphone}
            shortcut="D"
            onDeviceError={(err) => props.onDeviceError(err, "audio")}
          />
          <MediaToggle
            ref={cameraRef}
            source={Track.Source.Camera}
            label={t.camera}
            shortcut="E"
            onDeviceError={(err) => props.onDeviceError(err, "video")}
          />
          <CaptionsToggle
            visible={captions.visible}
            onChange={captions.setVisible}
            unavailable={captions.unavailable}
            className={neutral}
            t={t}
          />
          {share.enabled && (
            <button
              type="button"
              onClick={() => void share.toggle()}
              aria-label={tBar.stopSharing}
              className={`${base} bg-indigo-600 text-white hover:bg-indigo-500`}
            >
              <ScreenShareStopIcon aria-hidden />
              <span className="hidden lg:inline">{tBar.stopSharing}</span>
            </button>
          )}
          <CallRecordControl className={neutral} />
          {/* On a phone the panels, the hand and reactions live in More instead. */}
          <div className="hidden items-center gap-2 sm:flex">
            <span aria-hidden className="mx-1 h-6 w-px bg-white/10" />
            {panelButton("people", t.participantsTitle, <PeopleIcon />)}
            {panelButton(
              "chat",
              t.chatTitle,
              <ChatIcon aria-hidden />,
              props.unread > 0 ? plural(props.locale, t.chatUnread, props.unread) : undefined,
            )}
            {panelButton("transcript", t.captions.transcriptTitle, <TranscriptIcon />)}
            <span aria-hidden className="mx-1 h-6 w-px bg-white/10" />
            <PeopleActions className={neutral} />
          </div>
          <MoreMenu
            triggerRef={props.moreRef}
            className={neutral}
            unread={props.unread}
            share={{ available: props.canShareScreen, on: share.enabled, toggle: () => void share.toggle() }}
            onPanel={props.onPanel}
            onCopy={props.onCopy}
            onHelp={() => setHelp(true)}
            hostMenu={props.hostMenu}
            locale={props.locale}
            t={t}
          />
        </div>
        <div className="flex shrink-0 items-center gap-2">
          <button
            type="button"
            onClick={props.onLeave}
            aria-label={t.leave}
            className={`${base} bg-white text-zinc-900 hover:bg-zinc-200`}
          >
            <LeaveIcon aria-hidden />
            <span className="hidden sm:inline">{t.leave}</span>
          </button>
          {props.canEnd && (
            <EndForEveryone slug={props.slug} onEnded={props.onEnded} t={t} errors={props.errors} />
          )}
        </div>
      </div>
      <ShortcutsDialog open={help} onClose={() => setHelp(false)} t={tBar} />
    </>
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
