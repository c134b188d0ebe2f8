"use client";

import { useLocalParticipant } from "@livekit/components-react";
import { useEffect, useId, useRef, useState } from "react";
import { format } from "@/i18n/format";
import { peopleApi } from "@/modules/core/sessions/api/contract";
import { callApi } from "../use-api";
import { handOf, usePeople } from "./people-provider";
import { REACTIONS } from "./reactions";

/**
 * Raise hand and reactions, for everyone: one small group the control bar places where it likes
 * (in the bar or in its "More" menu). `className` is the bar's button style.
 */
export function PeopleActions({ className }: { className: string }) {
  return (
    <>
      <RaiseHandButton className={className} />
      <ReactionsButton className={className} />
    </>
  );
}

/** One's own hand: the bar's button and the phone's More item share it. */
export function useOwnHand() {
  const { t, slug, errors, say } = usePeople();
  const { localParticipant } = useLocalParticipant();
  const raised = handOf(localParticipant) !== null;
  const [pending, setPending] = useState(false);

  async function toggle() {
    setPending(true);
    // The server sets the hand (a participant cannot set its own attributes): the button follows it.
    const res = await callApi(peopleApi.hand, { params: { slug }, json: { raised: !raised } }, errors);
    setPending(false);
    if (!res.ok) say(format(t.failed, { reason: res.message }));
  }
  return { raised, pending, label: raised ? t.lowerHand : t.raiseHand, toggle };
}

export function RaiseHandButton({ className }: { className: string }) {
  const { t } = usePeople();
  const { raised, pending, label, toggle } = useOwnHand();

  return (
    <button
      type="button"
      aria-pressed={raised}
      title={label}
      onClick={() => void toggle()}
      disabled={pending}
      className={`${className} ${raised ? "!bg-amber-500 !text-zinc-950" : ""}`}
    >
      <span aria-hidden className="text-base leading-none">
        ✋
      </span>
      <span className="hidden lg:inline">{t.raiseHand}</span>
      <span className="sr-only lg:hidden">{t.raiseHand}</span>
    </button>
  );
}

export function ReactionsButton({ className }: { className: string }) {
  const { t, react } = usePeople();
  const id = useId();
  const [open, setOpen] = useState(false);
  const wrap = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      e.stopPropagation();
      setOpen(false);
      toggle.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (!wrap.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey, true);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey, true);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  return (
    <div ref={wrap} className="relative">
      <button
        ref={toggle}
        type="button"
        aria-expanded={open}
        aria-controls={`${id}-reactions`}
        title={t.reactHint}
        onClick={() => setOpen((o) => !o)}
        className={className}
      >
        <span aria-hidden className="text-base leading-none">
          🙂
        </span>
        <span className="hidden lg:inline">{t.react}</span>
        <span className="sr-only lg:hidden">{t.react}</span>
      </button>
      {open && (
        <div
          id={`${id}-reactions`}
          role="group"
          aria-label={t.react}
          className="absolute bottom-full left-1/2 z-30 mb-2 flex -translate-x-1/2 gap-1 rounded-full bg-zinc-800 p-1.5 shadow-lg ring-1 ring-white/10"
        >
          {REACTIONS.map((r) => (
            <button
              key={r.key}
              type="button"
              aria-label={format(t.reactWith, { name: t.emoji[r.key] })}
              title={t.emoji[r.key]}
              onClick={() => react(r.key)}
              className="flex size-10 items-center justify-center rounded-full text-xl hover:bg-zinc-700 focus-visible:outline-2 focus-visible:outline-indigo-400"
            >
              <span aria-hidden>{r.emoji}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
