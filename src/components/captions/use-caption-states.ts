"use client";

import { useConnectionState, useRoomContext } from "@livekit/components-react";
import { ConnectionState, RoomEvent, type RemoteParticipant, type Room } from "livekit-client";
import { useEffect, useMemo, useRef, useState } from "react";
import {
  captionStateOf,
  decodeCaptionState,
  encodeCaptionState,
  type CaptionState,
  type CaptionStateMessage,
} from "@/modules/core/captions/client/caption-health";
import { CAPTION_STATE_TOPIC } from "../call/room-protocol";

/** How often a client sends its caption state again although nothing changed. */
const STATE_REFRESH_MS = 5_000;

function publish(room: Room, message: CaptionStateMessage, to?: string[]) {
  void room.localParticipant
    .publishData(encodeCaptionState(message), {
      reliable: true,
      topic: CAPTION_STATE_TOPIC,
      destinationIdentities: to,
    })
    .catch(() => {});
}

/**
 * Everyone's caption state by identity, this client's own (`own`) included. Each client sends its
 * own state as a reliable data message on every change, asks the room once it is connected, and
 * answers an ask with its own state; a received state is stored under the identity LiveKit names
 * as the sender, so no one can set another's. Someone who leaves is forgotten.
 */
export function useCaptionStates(own: CaptionState): ReadonlyMap<string, CaptionState> {
  const room = useRoomContext();
  const connected = useConnectionState(room) === ConnectionState.Connected;
  const [others, setOthers] = useState<ReadonlyMap<string, CaptionState>>(() => new Map());
  const ownRef = useRef(own);
  useEffect(() => {
    ownRef.current = own;
  }, [own]);

  useEffect(() => {
    const sendOwn = (to?: string[]) => publish(room, { type: "state", ...ownRef.current }, to);
    const onData = (payload: Uint8Array, from?: RemoteParticipant, _kind?: unknown, topic?: string) => {
      if (topic !== CAPTION_STATE_TOPIC || !from) return;
      const message = decodeCaptionState(payload);
      if (!message) return;
      if (message.type === "ask") return sendOwn([from.identity]);
      setOthers((prev) => new Map(prev).set(from.identity, captionStateOf(message)));
    };
    const onLeft = (p: RemoteParticipant) =>
      setOthers((prev) => {
        const next = new Map(prev);
        next.delete(p.identity);
        return next;
      });
    // Whoever joins also asks; answering here too covers an ask that arrived before they were known.
    const onJoined = (p: RemoteParticipant) => sendOwn([p.identity]);
    room.on(RoomEvent.DataReceived, onData);
    room.on(RoomEvent.ParticipantDisconnected, onLeft);
    room.on(RoomEvent.ParticipantConnected, onJoined);
    if (connected) publish(room, { type: "ask" });
    // A state sent before the data channel was up, or lost with a reconnect, is not retried by
    // LiveKit: the state is sent again now and then, so no one's view of it stays wrong for long.
    const refresh = connected ? setInterval(() => sendOwn(), STATE_REFRESH_MS) : null;
    return () => {
      if (refresh) clearInterval(refresh);
      room.off(RoomEvent.DataReceived, onData);
      room.off(RoomEvent.ParticipantDisconnected, onLeft);
      room.off(RoomEvent.ParticipantConnected, onJoined);
    };
  }, [room, connected]);

  const { state, reason, lagMs, paused, mic } = own;
  useEffect(() => {
    if (!connected) return;
    publish(room, { type: "state", state, reason, lagMs, paused, mic });
  }, [room, connected, state, reason, lagMs, paused, mic]);

  const local = room.localParticipant.identity;
  return useMemo(() => new Map(others).set(local, own), [others, local, own]);
}
