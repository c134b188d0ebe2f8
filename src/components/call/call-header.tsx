"use client";

import { useParticipants, useRoomContext } from "@livekit/components-react";
import { useEffect, useRef } from "react";
import type { Locale } from "@/i18n/config";
import { plural } from "@/i18n/format";
import type { Messages } from "@/i18n/messages/en";
import { HostCaptionCost } from "../captions/host-caption-cost";
import { CallRecordingIndicator } from "../recording/recording-provider";
import { roleOf } from "./participant-role";

/**
 * The call's title, space, recording badge, the host's caption cost and the head count. Nothing
 * red but the recording badge; on a phone the badges wrap under the title instead of leaving the
 * screen. The title takes focus on arrival, so a screen reader says where the person is.
 */
export function CallHeader(props: {
  slug: string;
  title: string;
  context: string;
  locale: Locale;
  t: Messages["call"];
  errors: Messages["errors"];
}) {
  const { t } = props;
  const room = useRoomContext();
  const participants = useParticipants();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <header className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-white/10 px-4 py-2.5">
      <div className="min-w-0 flex-1 basis-40">
        <h1 ref={headingRef} tabIndex={-1} className="truncate text-sm font-semibold outline-none">
          {props.title}
        </h1>
        <p className="truncate text-xs text-zinc-400">{props.context}</p>
      </div>
      <div className="ml-auto flex min-w-0 flex-wrap items-center justify-end gap-x-3 gap-y-1">
        <CallRecordingIndicator />
        <HostCaptionCost
          slug={props.slug}
          locale={props.locale}
          enabled={roleOf(room.localParticipant) === "HOST"}
          t={t.captions}
          errors={props.errors}
        />
        <p className="shrink-0 text-xs text-zinc-400">
          {plural(props.locale, t.participantCount, participants.length)}
        </p>
      </div>
    </header>
  );
}
