"use client";

import "@livekit/components-styles";
import {
  LiveKitRoom,
  RoomAudioRenderer,
  StartAudio,
  useChat,
  useConnectionState,
  useRoomContext,
} from "@livekit/components-react";
import { ConnectionState, type DisconnectReason, type RoomOptions } from "livekit-client";
import { useCallback, useMemo, useRef, useState, type ReactNode } from "react";
import { format } from "@/i18n/format";
import type { Locale } from "@/i18n/config";
import type { Messages } from "@/i18n/messages/en";
import type { CaptionAvailability } from "@/modules/core/captions/domain/caption-languages";
import { CaptionsProvider } from "../captions/captions-provider";
import { voiceProcessing, voiceProcessingOn } from "../captions/voice-processing";
import { CallRecordingToast, RecordingProvider } from "../recording/recording-provider";
import type { CallRecordingProps } from "../recording/use-call-recording";
import { CallControls } from "./call-controls";
import { CallHeader } from "./call-header";
import { CallSidePanel } from "./call-side-panel";
import { CallStage } from "./call-stage";
import { PeopleProvider } from "./people-provider";
import { copyJoiningInfo, useCopyStatus, type JoiningInfo } from "./copy-joining-info";
import { MediaBlocked, NOT_BLOCKED, isPermissionDenied, type Blocked } from "./media-blocked";
import { connectFailure } from "./outcomes";
import type { MediaChoices } from "./media-choices";
import { useBlockedMedia } from "./use-blocked-media";
import { useCallPanel } from "./use-call-panel";
import { useInertBehind } from "./use-inert-behind";

type T = Messages["call"];

type Props = {
  token: string;
  url: string;
  choices: MediaChoices;
  slug: string;
  title: string;
  context: string;
  joining: JoiningInfo;
  canEnd: boolean;
  captions: CaptionAvailability;
  recording: Omit<CallRecordingProps, "slug" | "errors">;
  /** Called just before we disconnect on purpose, so the disconnect reads as "left". */
  onLeave: () => void;
  onEnded: () => void;
  onDisconnected: (reason?: DisconnectReason) => void;
  onError: (err: Error) => void;
  /** The host's lobby notice (guests asking to join), drawn over the call. */
  lobby?: ReactNode;
  /** The host's items in the More menu. */
  hostMenu?: ReactNode;
  locale: Locale;
  t: T;
  tPeople: Messages["people"];
  errors: Messages["errors"];
};

const capture = (enabled: boolean, deviceId: string) => (enabled ? (deviceId ? { deviceId } : true) : false);

export function CallView(props: Props) {
  const { choices, onError: reportError } = props;
  const [notice, setNotice] = useState<string | null>(null);
  const [blocked, setBlocked] = useState<Blocked>(NOT_BLOCKED);
  const rootRef = useRef<HTMLDivElement>(null);
  useInertBehind(rootRef);
  const options = useMemo<RoomOptions>(
    () => ({
      adaptiveStream: true,
      dynacast: true,
      // Later camera/mic toggles reuse the devices chosen before joining.
      audioCaptureDefaults: {
        ...voiceProcessing(voiceProcessingOn()),
        ...(choices.audioDeviceId ? { deviceId: choices.audioDeviceId } : {}),
      },
      videoCaptureDefaults: choices.videoDeviceId ? { deviceId: choices.videoDeviceId } : {},
      // Chosen in an earlier call; a speaker that is gone by now leaves the default playing.
      ...(choices.audioOutputDeviceId ? { audioOutput: { deviceId: choices.audioOutputDeviceId } } : {}),
    }),
    [choices],
  );
  const audio = useMemo(() => capture(choices.audioEnabled, choices.audioDeviceId), [choices]);
  const video = useMemo(() => capture(choices.videoEnabled, choices.videoDeviceId), [choices]);

  const onError = useCallback(
    (err: Error) => {
      if (connectFailure(err) !== "media") reportError(err);
      else if (isPermissionDenied(err))
        setBlocked({ audio: choices.audioEnabled, video: choices.videoEnabled });
      else setNotice(format(props.t.mediaError, { reason: err.message }));
    },
    [reportError, props.t, choices],
  );

  return (
    <div
      ref={rootRef}
      data-call
      className="fixed-palette fixed inset-0 z-40 overflow-hidden bg-zinc-950 text-white"
    >
      <LiveKitRoom
        token={props.token}
        serverUrl={props.url}
        connect
        audio={audio}
        video={video}
        options={options}
        onDisconnected={props.onDisconnected}
        onError={onError}
        data-lk-theme="default"
        className="flex flex-col bg-zinc-950"
      >
        <CaptionsProvider slug={props.slug} availability={props.captions} t={props.t} errors={props.errors}>
          <RecordingProvider {...props.recording} slug={props.slug} errors={props.errors}>
            <PeopleProvider
              t={props.tPeople}
              slug={props.slug}
              errors={props.errors}
              canModerate={props.canEnd}
            >
              <CallLayout
                {...props}
                notice={notice}
                onNotice={setNotice}
                blocked={blocked}
                onBlocked={setBlocked}
              />
            </PeopleProvider>
          </RecordingProvider>
        </CaptionsProvider>
      </LiveKitRoom>
      {props.lobby}
    </div>
  );
}

type LayoutProps = Props & {
  notice: string | null;
  onNotice: (notice: string | null) => void;
  blocked: Blocked;
  onBlocked: (blocked: Blocked) => void;
};

function CallLayout(props: LayoutProps) {
  const { t, blocked, onBlocked } = props;
  const room = useRoomContext();
  const state = useConnectionState();

  // Kept here, not in the chat panel, so messages that arrive while it is closed are not lost.
  const { chatMessages, send, isSending } = useChat();
  const { panel, toggle: togglePanel, unread, moreRef } = useCallPanel(chatMessages.length);
  const [copied, setCopied] = useCopyStatus();

  const retryMedia = useBlockedMedia(blocked, onBlocked, (err) =>
    props.onNotice(format(t.mediaError, { reason: err.message || err.name })),
  );

  const reconnecting = state === ConnectionState.Reconnecting || state === ConnectionState.SignalReconnecting;
  const canShareScreen = typeof navigator !== "undefined" && !!navigator.mediaDevices?.getDisplayMedia;

  return (
    <>
      <CallHeader
        slug={props.slug}
        title={props.title}
        context={props.context}
        locale={props.locale}
        t={t}
        errors={props.errors}
      />
      <div role="status" aria-live="polite">
        {reconnecting && (
          <p className="bg-amber-400 px-4 py-2 text-center text-sm font-medium text-amber-950">
            {t.reconnecting}
          </p>
        )}
      </div>
      {(blocked.audio || blocked.video) && (
        <div className="flex justify-center px-4 py-2">
          <div className="w-full max-w-2xl">
            <MediaBlocked blocked={blocked} onRetry={() => void retryMedia()} tone="dark" t={t.bar} />
          </div>
        </div>
      )}
      <p
        role="status"
        className={copied ? "bg-zinc-800 px-4 py-2 text-center text-sm text-zinc-100" : "sr-only"}
      >
        {copied}
      </p>
      {props.notice && (
        <div className="flex items-center justify-center gap-3 bg-zinc-800 px-4 py-2 text-sm text-zinc-100">
          <p>{props.notice}</p>
          <button
            type="button"
            onClick={() => props.onNotice(null)}
            className="rounded px-2 py-1 text-zinc-300 hover:bg-zinc-700"
          >
            ✕<span className="sr-only">{t.closePanel}</span>
          </button>
        </div>
      )}

      <div className="relative flex min-h-0 flex-1">
        <CallStage connecting={state === ConnectionState.Connecting} t={t} />
        {panel && (
          <CallSidePanel
            panel={panel}
            onClose={() => togglePanel(panel)}
            chat={{ messages: chatMessages, send, sending: isSending }}
            slug={props.slug}
            locale={props.locale}
            t={t}
            errors={props.errors}
          />
        )}
      </div>

      <CallControls
        slug={props.slug}
        canEnd={props.canEnd}
        panel={panel}
        unread={unread}
        onPanel={togglePanel}
        onCopy={async () => setCopied(await copyJoiningInfo(props.joining, t.bar))}
        moreRef={moreRef}
        onDeviceError={(err, kind) =>
          kind && isPermissionDenied(err)
            ? onBlocked({ ...blocked, [kind]: true })
            : props.onNotice(format(t.mediaError, { reason: err.message || err.name }))
        }
        onLeave={() => {
          props.onLeave();
          void room.disconnect();
        }}
        onEnded={props.onEnded}
        canShareScreen={canShareScreen}
        hostMenu={props.hostMenu}
        locale={props.locale}
        t={t}
        errors={props.errors}
      />
      <CallRecordingToast />
      <RoomAudioRenderer />
      {/* Only visible when the browser blocked autoplay; LiveKit's own styles draw the button. */}
      <div className="fixed bottom-24 left-1/2 z-20 -translate-x-1/2">
        <StartAudio label={t.startAudio} />
      </div>
    </>
  );
}
