"use client";

import { useRoomContext } from "@livekit/components-react";
import { RoomEvent } from "livekit-client";
import { useCallback, useEffect, useRef, useState } from "react";
import { format } from "@/i18n/format";
import type { Messages } from "@/i18n/messages/en";
import { recordingsApi } from "@/modules/core/recording/api/contract";
import { RECORDING_TOPIC } from "../call/room-protocol";
import { callApi } from "../use-api";
import { activeOf, announcementFor, type ActiveRecording, type Announcement } from "./recording-state";

/** The database is the truth (a recorder may die, a host may leave); this bounds how stale it reads. */
const POLL_MS = 3000;

export type CallRecordingProps = {
  slug: string;
  /** Host, space owner/admin: may start and stop. */
  canRecord: boolean;
  /** False when the session was created with recording not allowed. */
  allowed: boolean;
  /** What the page knew when it was rendered (so the indicator shows from the first frame). */
  initial: ActiveRecording | null;
  t: Messages["recording"];
  errors: Messages["errors"];
};

function announce(a: Announcement, t: Messages["recording"]): string {
  if (a.kind === "started") return a.name ? format(t.startedBy, { name: a.name }) : t.startedBySomeone;
  if (a.kind === "failed") return format(t.failed, { reason: a.reason ?? t.unknownReason });
  return t.stopped;
}

/**
 * Recording wired into the call: what runs (for the red indicator on every screen), the notice to
 * everyone when it starts or stops, and `changed` for the Record/Stop control to call. State is
 * read from the recordings list every few seconds (the database survives the host leaving and
 * notices a recorder dying); a LiveKit data message from whoever pressed Record/Stop, or a change
 * of the room's metadata, makes everyone read it at once.
 */
export function useCallRecording(opts: Pick<CallRecordingProps, "slug" | "initial" | "t" | "errors">) {
  const { slug, t, errors } = opts;
  const room = useRoomContext();
  const [active, setActive] = useState<ActiveRecording | null>(opts.initial);
  const [notice, setNotice] = useState<string | null>(null);
  const seen = useRef<ActiveRecording | null | undefined>(undefined);

  const refresh = useCallback(async () => {
    const res = await callApi(recordingsApi.list, { params: { slug } }, errors);
    if (!res.ok) return;
    const rows = res.data.recordings;
    const said = announcementFor(seen.current, rows);
    seen.current = activeOf(rows);
    setActive(seen.current);
    if (said) setNotice(announce(said, t));
  }, [slug, errors, t]);

  useEffect(() => {
    void refresh();
    const timer = window.setInterval(() => void refresh(), POLL_MS);
    // Only a nudge to read the list again (at most one read in flight per nudge burst): a
    // participant sending it can make others read sooner, never show something untrue.
    let nudged = false;
    const onNudge = (_p: Uint8Array, _from?: unknown, _kind?: unknown, topic?: string) => {
      if (topic !== RECORDING_TOPIC || nudged) return;
      nudged = true;
      void refresh().finally(() => (nudged = false));
    };
    const onMetadata = () => void refresh();
    room.on(RoomEvent.DataReceived, onNudge);
    room.on(RoomEvent.RoomMetadataChanged, onMetadata);
    return () => {
      window.clearInterval(timer);
      room.off(RoomEvent.DataReceived, onNudge);
      room.off(RoomEvent.RoomMetadataChanged, onMetadata);
    };
  }, [room, refresh]);

  const changed = useCallback(async () => {
    await refresh();
    await room.localParticipant
      .publishData(new TextEncoder().encode("changed"), { reliable: true, topic: RECORDING_TOPIC })
      .catch(() => {});
  }, [room, refresh]);

  useEffect(() => {
    if (!notice) return;
    const timer = window.setTimeout(() => setNotice(null), 8000);
    return () => window.clearTimeout(timer);
  }, [notice]);

  return { active, notice, setNotice, changed };
}
