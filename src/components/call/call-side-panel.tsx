"use client";

import type { ReceivedChatMessage } from "@livekit/components-react";
import type { Locale } from "@/i18n/config";
import type { Messages } from "@/i18n/messages/en";
import { CallTranscriptPanel, CaptionLanguagePanel } from "../captions/captions-provider";
import type { Panel } from "./call-controls";
import { ChatPanel, DevicesPanel, ParticipantsPanel } from "./call-panels";

/**
 * The open side panel: its title, a close button and its content; over the call on a phone, beside
 * it from `sm` up. The chat's messages come from the caller, which keeps them while it is closed.
 */
export function CallSidePanel(props: {
  panel: Panel;
  onClose: () => void;
  chat: { messages: ReceivedChatMessage[]; send: (text: string) => Promise<unknown>; sending: boolean };
  slug: string;
  locale: Locale;
  t: Messages["call"];
  errors: Messages["errors"];
}) {
  const { panel, t, locale } = props;
  const title = {
    people: t.participantsTitle,
    chat: t.chatTitle,
    devices: t.devicesTitle,
    transcript: t.captions.transcriptTitle,
    captions: t.captions.language,
  };
  return (
    <aside
      id="call-panel"
      aria-labelledby="call-panel-title"
      className="absolute inset-0 z-10 flex flex-col bg-zinc-900 sm:static sm:w-80 sm:shrink-0 sm:border-l sm:border-white/10"
    >
      <div className="flex items-center justify-between border-b border-white/10 px-4 py-3">
        <h2 id="call-panel-title" className="text-sm font-semibold">
          {title[panel]}
        </h2>
        <button
          type="button"
          onClick={props.onClose}
          aria-label={t.closePanel}
          className="rounded-md px-2 py-1 text-zinc-300 hover:bg-zinc-800 hover:text-white"
        >
          ✕
        </button>
      </div>
      {panel === "people" && <ParticipantsPanel t={t} slug={props.slug} errors={props.errors} />}
      {panel === "chat" && (
        <ChatPanel
          messages={props.chat.messages}
          send={props.chat.send}
          sending={props.chat.sending}
          locale={locale}
          t={t}
        />
      )}
      {panel === "devices" && <DevicesPanel t={t} />}
      {panel === "transcript" && <CallTranscriptPanel locale={locale} t={t} />}
      {panel === "captions" && <CaptionLanguagePanel locale={locale} t={t} />}
    </aside>
  );
}
