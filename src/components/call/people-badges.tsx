"use client";

import { useIsMuted } from "@livekit/components-react";
import { Track, type Participant } from "livekit-client";
import { useState } from "react";
import { format } from "@/i18n/format";
import { peopleApi } from "@/modules/core/sessions/api/contract";
import { callApi } from "../use-api";
import { nameOf } from "./call-tile";
import { ConfirmAction } from "./confirm-action";
import { handOf, usePeople, useRaisedHands } from "./people-provider";
import { REACTIONS } from "./reactions";

/** ✋ beside a name while that participant's hand is up (the server's attribute). */
export function HandBadge({ participant, position }: { participant: Participant; position?: number }) {
  const { t } = usePeople();
  if (!handOf(participant)) return null;
  const label = position ? format(t.handOrder, { position }) : t.handRaised;
  return (
    <span
      role="img"
      aria-label={label}
      title={label}
      data-hand-raised
      className="shrink-0 text-base leading-none"
    >
      ✋
    </span>
  );
}

/** The reaction a participant just sent, big over their tile for a moment. */
export function TileReaction({ participant }: { participant: Participant }) {
  const { t, reactions } = usePeople();
  const shown = reactions.get(participant.identity);
  if (!shown) return null;
  const emoji = REACTIONS.find((r) => r.key === shown.key)!.emoji;
  const label = format(t.reacted, { name: nameOf(participant), emoji: t.emoji[shown.key] });
  return (
    <span
      key={shown.id}
      role="img"
      aria-label={label}
      title={label}
      data-reaction={shown.key}
      className="pointer-events-none absolute left-3 top-3 z-10 text-5xl drop-shadow-lg motion-safe:animate-bounce"
    >
      {emoji}
    </span>
  );
}

/** The panel's list of raised hands, first raised first; the host can lower each. */
export function RaisedHands() {
  const { t, slug, errors, canModerate, say } = usePeople();
  const hands = useRaisedHands();
  if (hands.length === 0) return null;
  const lower = async (identity: string) => {
    const res = await callApi(
      peopleApi.hand,
      { params: { slug }, json: { raised: false, identity } },
      errors,
    );
    if (!res.ok) say(format(t.failed, { reason: res.message }));
  };
  return (
    <section aria-labelledby="raised-hands-title" className="border-b border-white/10 px-4 py-3">
      <h3 id="raised-hands-title" className="text-xs font-semibold uppercase tracking-wide text-amber-300">
        {t.handsTitle}
      </h3>
      <ol className="mt-2 space-y-1.5" data-raised-hands>
        {hands.map(({ participant }, i) => (
          <li
            key={participant.identity}
            data-identity={participant.identity}
            className="flex items-center gap-2 text-sm"
          >
            <span aria-hidden className="w-5 text-right text-zinc-400">
              {i + 1}.
            </span>
            <span aria-hidden>✋</span>
            <span className="min-w-0 flex-1 truncate">{nameOf(participant)}</span>
            {(canModerate || participant.isLocal) && (
              <button
                type="button"
                onClick={() => void lower(participant.identity)}
                aria-label={format(t.lowerHandOf, { name: nameOf(participant) })}
                title={format(t.lowerHandOf, { name: nameOf(participant) })}
                className="shrink-0 rounded-md px-2 py-1 text-xs text-zinc-200 ring-1 ring-inset ring-white/15 hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-indigo-400"
              >
                {t.lowerHand}
              </button>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

const tool =
  "inline-flex h-8 items-center rounded-md px-2 text-xs font-medium ring-1 ring-inset ring-white/15 " +
  "hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-indigo-400 disabled:opacity-50";

/** Mute and Remove on another participant's row, for the host and space admins. */
export function HostTools({ participant }: { participant: Participant }) {
  const { t, slug, errors, canModerate, say } = usePeople();
  const micMuted = useIsMuted({ participant, source: Track.Source.Microphone });
  const [pending, setPending] = useState(false);
  if (!canModerate || participant.isLocal) return null;
  const name = nameOf(participant);

  async function mute() {
    setPending(true);
    const res = await callApi(
      peopleApi.mute,
      { params: { slug }, json: { identity: participant.identity } },
      errors,
    );
    setPending(false);
    if (!res.ok) say(format(t.failed, { reason: res.message }));
  }

  return (
    <div className="mt-1.5 flex flex-wrap gap-1.5" role="group" aria-label={format(t.hostTools, { name })}>
      <button
        type="button"
        onClick={() => void mute()}
        disabled={pending || micMuted}
        aria-label={format(t.muteOf, { name })}
        title={t.muteHint}
        className={`${tool} text-zinc-100`}
      >
        {t.mute}
      </button>
      <RemoveButton participant={participant} />
    </div>
  );
}

/** Remove, behind a confirmation whose safe choice has focus first (ConfirmAction). */
function RemoveButton({ participant }: { participant: Participant }) {
  const { t, slug, errors } = usePeople();
  const name = nameOf(participant);
  return (
    <ConfirmAction
      trigger={(open) => (
        <button
          type="button"
          onClick={open}
          aria-label={format(t.removeOf, { name })}
          title={format(t.removeOf, { name })}
          className={`${tool} text-red-300`}
        >
          {t.remove}
        </button>
      )}
      title={format(t.removeTitle, { name })}
      body={t.removeBody}
      cancel={t.cancel}
      confirm={t.removeConfirm}
      pendingLabel={t.removing}
      action={async () => {
        const res = await callApi(
          peopleApi.remove,
          { params: { slug }, json: { identity: participant.identity } },
          errors,
        );
        return res.ok ? null : res.message;
      }}
    />
  );
}
