"use client";

import type { ReceivedChatMessage } from "@livekit/components-react";
import {
  MicDisabledIcon,
  useIsSpeaking,
  useMediaDeviceSelect,
  useLocalParticipant,
  useParticipants,
} from "@livekit/components-react";
import type { Participant } from "livekit-client";
import { useEffect, useId, useRef, type FormEvent } from "react";
import type { Locale } from "@/i18n/config";
import type { Messages } from "@/i18n/messages/en";
import { initials } from "../ui";
import { VoiceProcessingToggle } from "../captions/voice-processing";
import type { CaptionState } from "@/modules/core/captions/client/caption-health";
import { CaptionDisplaySettings, useCaptions } from "../captions/captions-provider";
import { CaptionHealthBadge, NotCaptionedBadge } from "./caption-health-badge";
import { useNotCaptioned } from "./use-not-captioned";
import { useCaptionCompleteness } from "./use-caption-completeness";
import { QualityBadge, RoleBadge, nameOf } from "./call-tile";
import { DEVICE_FIELD, rememberMediaChoice } from "./media-choices";
import { roleOf } from "./participant-role";
import { HandBadge, HostTools, RaisedHands } from "./people-badges";
import { usePeople } from "./people-provider";

type T = Messages["call"];

const darkField =
  "block w-full rounded-md border-0 bg-zinc-800 px-3 py-2 text-sm text-white ring-1 ring-inset ring-white/10 " +
  "placeholder:text-zinc-500 focus:ring-2 focus:ring-inset focus:ring-indigo-400";

export function ParticipantsPanel(props: { t: T; slug?: string; errors: Messages["errors"] }) {
  const { t, slug } = props;
  const captionStates = useCaptions().states;
  // Only the host watches everyone's captions; the states go to everyone, the panel is the host's.
  const { localParticipant } = useLocalParticipant();
  const host = roleOf(localParticipant) === "HOST";
  const completeness = useCaptionCompleteness(slug, host, props.errors);
  // Local participant first, then hosts, then everyone else by name: a stable, scannable order.
  const participants = [...useParticipants()].sort(
    (a, b) =>
      Number(b.isLocal) - Number(a.isLocal) ||
      Number(roleOf(b) === "HOST") - Number(roleOf(a) === "HOST") ||
      nameOf(a).localeCompare(nameOf(b)),
  );
  const uncaptioned = useNotCaptioned(participants, localParticipant, captionStates, host);
  return (
    <div className="min-h-0 flex-1 overflow-y-auto">
      <RaisedHands />
      <ul className="divide-y divide-white/5 px-2" aria-label={t.participantsTitle}>
        {participants.map((p) => (
          <ParticipantRow
            key={p.identity}
            participant={p}
            t={t}
            host={host}
            completeness={completeness.get(p.identity)?.completeness ?? null}
            engine={completeness.get(p.identity)?.engine ?? null}
            captionState={captionStates.get(p.identity)}
            notCaptioned={uncaptioned.has(p.identity)}
          />
        ))}
      </ul>
    </div>
  );
}

function ParticipantRow(props: {
  participant: Participant;
  t: T;
  host: boolean;
  completeness: number | null;
  engine: string | null;
  captionState: CaptionState | undefined;
  notCaptioned: boolean;
}) {
  const { participant, t, host } = props;
  const hints = usePeople().t.chips;
  const speaking = useIsSpeaking(participant);
  const name = nameOf(participant);
  return (
    <li className="flex items-start gap-3 px-2 py-2.5" data-identity={participant.identity}>
      <span
        aria-hidden
        className={`flex size-8 shrink-0 items-center justify-center rounded-full bg-indigo-500/20 text-xs font-semibold text-indigo-100 ring-2 transition-shadow ${
          speaking ? "ring-emerald-400" : "ring-transparent"
        }`}
      >
        {initials(name)}
      </span>
      <div className="min-w-0 flex-1">
        <p className="flex min-w-0 items-center gap-1.5 text-sm font-medium text-white">
          <span className="truncate" title={name}>
            {name}
            {participant.isLocal && <span className="font-normal text-zinc-400"> ({t.you})</span>}
          </span>
          <HandBadge participant={participant} />
        </p>
        <div className="mt-1 flex flex-wrap items-center gap-1.5">
          <RoleBadge participant={participant} t={t} hint={hints.host} />
          {speaking && (
            <span className="text-xs text-emerald-300" title={hints.speaking}>
              {t.speaking}
            </span>
          )}
        </div>
        {host && (
          <CaptionHealthBadge
            health={props.captionState}
            t={t}
            hints={hints}
            completeness={props.completeness}
            engine={props.engine}
          />
        )}
        {host && props.notCaptioned && <NotCaptionedBadge t={t} />}
        <HostTools participant={participant} />
      </div>
      {!participant.isMicrophoneEnabled && (
        <span role="img" aria-label={t.micMuted} title={t.micMuted} className="text-red-400">
          <MicDisabledIcon aria-hidden />
        </span>
      )}
      <QualityBadge participant={participant} t={t} />
    </li>
  );
}

export function ChatPanel(props: {
  messages: ReceivedChatMessage[];
  send: (text: string) => Promise<unknown>;
  sending: boolean;
  locale: Locale;
  t: T;
}) {
  const { messages, t } = props;
  const id = useId();
  const listRef = useRef<HTMLOListElement>(null);
  const time = new Intl.DateTimeFormat(props.locale, { timeStyle: "short" });

  useEffect(() => {
    listRef.current?.scrollTo({ top: listRef.current.scrollHeight });
  }, [messages.length]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = event.currentTarget.elements.namedItem("message") as HTMLInputElement;
    const text = input.value.trim();
    if (!text) return;
    await props.send(text);
    input.value = "";
    input.focus();
  }

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      {/* The live region holds the list (an <ol> cannot be a log itself and keep its items). */}
      <div role="log" aria-label={t.chatTitle} className="flex min-h-0 flex-1 flex-col">
        <ol ref={listRef} className="min-h-0 flex-1 space-y-3 overflow-y-auto px-4 py-3">
          {messages.length === 0 && <li className="py-6 text-center text-sm text-zinc-400">{t.chatEmpty}</li>}
          {messages.map((m) => {
            const mine = m.from?.isLocal ?? false;
            return (
              <li key={m.id} className={`flex flex-col ${mine ? "items-end" : "items-start"}`}>
                <p className="text-xs text-zinc-400">
                  <span className="font-medium text-zinc-300">{m.from ? nameOf(m.from) : "?"}</span> ·{" "}
                  <time dateTime={new Date(m.timestamp).toISOString()}>{time.format(m.timestamp)}</time>
                </p>
                <p
                  className={`mt-1 max-w-[90%] whitespace-pre-wrap break-words rounded-2xl px-3 py-1.5 text-sm ${
                    mine ? "bg-indigo-600 text-white" : "bg-zinc-800 text-zinc-100"
                  }`}
                >
                  {m.message}
                </p>
              </li>
            );
          })}
        </ol>
      </div>
      <form onSubmit={onSubmit} className="flex gap-2 border-t border-white/10 p-3">
        <label htmlFor={`${id}-msg`} className="sr-only">
          {t.chatLabel}
        </label>
        <input
          id={`${id}-msg`}
          name="message"
          autoComplete="off"
          maxLength={2000}
          placeholder={t.chatPlaceholder}
          className={darkField}
        />
        <button
          type="submit"
          disabled={props.sending}
          className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
        >
          {t.chatSend}
        </button>
      </form>
    </div>
  );
}

export function DevicesPanel({ t }: { t: T }) {
  return (
    <div className="space-y-4 overflow-y-auto px-4 py-3">
      <DeviceSelect kind="audioinput" label={t.microphoneDevice} t={t} />
      <DeviceSelect kind="videoinput" label={t.cameraDevice} t={t} />
      <DeviceSelect kind="audiooutput" label={t.speakerDevice} t={t} />
      <VoiceProcessingToggle t={t} />
      <CaptionDisplaySettings t={t} />
    </div>
  );
}

function DeviceSelect({ kind, label, t }: { kind: MediaDeviceKind; label: string; t: T }) {
  const id = useId();
  const { devices, activeDeviceId, setActiveMediaDevice } = useMediaDeviceSelect({ kind });
  // Speaker choice is not supported everywhere (Safari, Firefox); hide it rather than offer a no-op.
  if (kind === "audiooutput" && devices.length === 0) return null;
  const hasActive = devices.some((d) => d.deviceId === activeDeviceId);
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-zinc-200">
        {label}
      </label>
      <select
        id={id}
        value={hasActive ? activeDeviceId : ""}
        onChange={(e) => {
          rememberMediaChoice({ [DEVICE_FIELD[kind]]: e.target.value });
          void setActiveMediaDevice(e.target.value);
        }}
        className={`${darkField} pr-8`}
      >
        {!hasActive && <option value="">{t.defaultDevice}</option>}
        {devices.map((d, i) => (
          <option key={d.deviceId} value={d.deviceId}>
            {d.label || `${label} ${i + 1}`}
          </option>
        ))}
      </select>
    </div>
  );
}
