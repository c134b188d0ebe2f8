"use client";

import { useEffect } from "react";
import { format } from "@/i18n/format";
import type { Messages } from "@/i18n/messages/en";
import type { LobbyText } from "@/i18n/messages/lobby";
import { lobbyApi } from "@/modules/core/sessions/api/contract";
import { usePolling } from "../use-polling";

const EVERY_MS = 4000;

/**
 * Pre-join: who is already in the call (names only, guests marked), refreshed while the person
 * waits; the same read tells at once when the host ended the session.
 */
export function PeopleInCall(props: {
  slug: string;
  onEnded: () => void;
  t: LobbyText;
  errors: Messages["errors"];
}) {
  const { t, onEnded } = props;
  const data = usePolling(lobbyApi.people, { slug: props.slug }, EVERY_MS, props.errors);
  const ended = data?.status === "ENDED";
  useEffect(() => {
    if (ended) onEnded();
  }, [ended, onEnded]);
  if (!data) return null;
  const more = data.count - data.people.length;
  return (
    <section aria-labelledby="people-in-call" data-testid="people-in-call" className="text-sm">
      <h2 id="people-in-call" className="font-medium text-zinc-900">
        {t.peopleTitle} {data.count > 0 && <span className="text-zinc-500">({data.count})</span>}
      </h2>
      {data.count === 0 ? (
        <p className="mt-1 text-zinc-600">{t.peopleNone}</p>
      ) : (
        <ul className="mt-1.5 flex flex-wrap gap-1.5">
          {data.people.map((p, i) => (
            <li key={i} className="max-w-full truncate rounded-full bg-zinc-100 px-2.5 py-0.5 text-zinc-800">
              {p.name}
              {p.guest && <span className="text-zinc-500"> {t.guestSuffix}</span>}
            </li>
          ))}
          {more > 0 && <li className="px-1 py-0.5 text-zinc-600">{format(t.peopleMore, { count: more })}</li>}
        </ul>
      )}
    </section>
  );
}
