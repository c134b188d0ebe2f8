"use client";

import { useParticipants, useRoomContext } from "@livekit/components-react";
import { ParticipantEvent, RoomEvent, Track, type Participant, type RemoteParticipant } from "livekit-client";
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from "react";
import type { ErrorMessages } from "@/i18n/messages/en";
import type { PeopleText } from "@/i18n/messages/people";
import { HAND_ATTRIBUTE, MODERATION_TOPIC, REACTION_TOPIC } from "./room-protocol";
import {
  REACTION_SHOWN_MS,
  decodeReaction,
  encodeReaction,
  reactionGate,
  type ReactionKey,
} from "./reactions";

type Shown = { key: ReactionKey; id: number };

type People = {
  t: PeopleText;
  slug: string;
  errors: ErrorMessages;
  /** The host or a space admin: the server checks it again on every mute, removal and lowered hand. */
  canModerate: boolean;
  /** The reaction shown over each sender's tile right now, by LiveKit identity. */
  reactions: ReadonlyMap<string, Shown>;
  react: (key: ReactionKey) => void;
  /** A line for the notice bar (a failed action). */
  say: (text: string) => void;
};

const PeopleContext = createContext<People | null>(null);

export function usePeople(): People {
  const people = useContext(PeopleContext);
  if (!people) throw new Error("usePeople outside PeopleProvider");
  return people;
}

/**
 * Hands, reactions and the host's notices in one call. Reactions are kept by the sender identity
 * LiveKit authenticated and rate-limited per sender; a moderation notice counts only when the
 * server sent it (no participant sender).
 */
export function PeopleProvider(props: {
  t: PeopleText;
  slug: string;
  errors: ErrorMessages;
  canModerate: boolean;
  children: ReactNode;
}) {
  const room = useRoomContext();
  const [reactions, setReactions] = useState<ReadonlyMap<string, Shown>>(() => new Map());
  const [notice, setNotice] = useState<string | null>(null);
  const gate = useMemo(() => reactionGate(), []);
  const counter = useRef(0);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());

  const show = useCallback((identity: string, key: ReactionKey) => {
    const id = ++counter.current;
    setReactions((prev) => new Map(prev).set(identity, { key, id }));
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      setReactions((prev) => {
        if (prev.get(identity)?.id !== id) return prev;
        const next = new Map(prev);
        next.delete(identity);
        return next;
      });
    }, REACTION_SHOWN_MS);
    timers.current.add(timer);
  }, []);

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);

  const mutedText = props.t.mutedByHost;
  useEffect(() => {
    const onData = (payload: Uint8Array, from?: RemoteParticipant, _kind?: unknown, topic?: string) => {
      if (topic === MODERATION_TOPIC) {
        if (!from && isMuteNotice(payload)) setNotice(mutedText);
        return;
      }
      if (topic !== REACTION_TOPIC || !from) return;
      const key = decodeReaction(payload);
      if (key && gate(from.identity, Date.now())) show(from.identity, key);
    };
    // Unmuting themselves answers the notice.
    const onUnmuted = (pub: { source: Track.Source }) => {
      if (pub.source === Track.Source.Microphone) setNotice((n) => (n === mutedText ? null : n));
    };
    room.on(RoomEvent.DataReceived, onData);
    room.localParticipant.on(ParticipantEvent.TrackUnmuted, onUnmuted);
    return () => {
      room.off(RoomEvent.DataReceived, onData);
      room.localParticipant.off(ParticipantEvent.TrackUnmuted, onUnmuted);
    };
  }, [room, gate, show, mutedText]);

  const react = useCallback(
    (key: ReactionKey) => {
      const me = room.localParticipant.identity;
      if (!gate(me, Date.now())) return;
      show(me, key);
      void room.localParticipant
        .publishData(encodeReaction(key), { reliable: true, topic: REACTION_TOPIC })
        .catch(() => {});
    },
    [room, gate, show],
  );

  const value = useMemo<People>(
    () => ({
      t: props.t,
      slug: props.slug,
      errors: props.errors,
      canModerate: props.canModerate,
      reactions,
      react,
      say: setNotice,
    }),
    [props.t, props.slug, props.errors, props.canModerate, reactions, react],
  );

  return (
    <PeopleContext.Provider value={value}>
      {props.children}
      <div
        role="status"
        aria-live="polite"
        className="pointer-events-none fixed inset-x-0 top-16 z-30 flex justify-center px-4"
      >
        {notice && (
          <p
            data-people-notice
            className="pointer-events-auto flex max-w-lg items-center gap-3 rounded-lg bg-zinc-800 px-4 py-2 text-sm text-zinc-100 shadow-lg ring-1 ring-white/10"
          >
            <span>{notice}</span>
            <button
              type="button"
              onClick={() => setNotice(null)}
              className="shrink-0 rounded px-2 py-1 text-zinc-300 hover:bg-zinc-700 focus-visible:outline-2 focus-visible:outline-indigo-400"
            >
              {props.t.dismiss}
            </button>
          </p>
        )}
      </div>
    </PeopleContext.Provider>
  );
}

function isMuteNotice(payload: Uint8Array): boolean {
  try {
    return (JSON.parse(new TextDecoder().decode(payload)) as { type?: unknown })?.type === "muted";
  } catch {
    return false;
  }
}

/** When this participant raised their hand (the server's time), or null. */
export const handOf = (p: Participant): string | null => p.attributes?.[HAND_ATTRIBUTE] || null;

/** Everyone whose hand is up, first raised first. */
export function useRaisedHands(): { participant: Participant; raisedAt: string }[] {
  const participants = useParticipants();
  return participants
    .flatMap((participant) => {
      const raisedAt = handOf(participant);
      return raisedAt ? [{ participant, raisedAt }] : [];
    })
    .sort((a, b) => a.raisedAt.localeCompare(b.raisedAt));
}
