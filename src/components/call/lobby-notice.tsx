"use client";

import { useState } from "react";
import { format } from "@/i18n/format";
import type { Messages } from "@/i18n/messages/en";
import type { LobbyText } from "@/i18n/messages/lobby";
import { lobbyApi } from "@/modules/core/sessions/api/contract";
import { callApi } from "../use-api";
import { usePolling } from "../use-polling";

const EVERY_MS = 3000;

/**
 * In the call, for the host and space admins: who is knocking, with Admit / Deny for each. The
 * summary line is a live region, so a screen reader hears "X (guest) wants to join". A knock's name
 * is what the guest typed, always shown as a guest's.
 */
export function LobbyNotice(props: { slug: string; t: LobbyText; errors: Messages["errors"] }) {
  const { t } = props;
  const knocks = usePolling(lobbyApi.waiting, { slug: props.slug }, EVERY_MS, props.errors)?.knocks ?? [];
  // Answered here already: hidden until the next poll agrees.
  const [decided, setDecided] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const open = knocks.filter((k) => !decided.has(k.id));

  async function decide(knockId: string, decision: "admit" | "deny") {
    setError(null);
    setDecided((d) => new Set(d).add(knockId));
    const res = await callApi(
      lobbyApi.decide,
      { params: { slug: props.slug, knockId }, json: { decision } },
      props.errors,
    );
    if (!res.ok && res.code !== "knock_not_found") {
      setError(res.message);
      setDecided((d) => {
        const next = new Set(d);
        next.delete(knockId);
        return next;
      });
    }
  }

  const summary =
    open.length === 0
      ? ""
      : open.length === 1
        ? format(t.noticeOne, { name: open[0]!.displayName })
        : format(t.noticeMany, { count: open.length });
  const button =
    "rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-white";
  return (
    <div className="pointer-events-none absolute inset-x-2 top-14 z-30 flex justify-end sm:right-4 sm:left-auto">
      {/* Always in the page, so the first knock is announced (a region that appears is often not). */}
      <p role="status" aria-live="polite" className="sr-only">
        {summary}
      </p>
      {(open.length > 0 || error) && (
        <section
          aria-labelledby="lobby-notice-title"
          data-testid="lobby-notice"
          className="pointer-events-auto w-full max-w-sm rounded-xl bg-white p-4 text-zinc-900 shadow-lg ring-1 ring-zinc-900/10"
        >
          <h2 id="lobby-notice-title" className="text-sm font-semibold">
            {summary}
          </h2>
          {error && (
            <p role="alert" className="mt-1 text-sm text-red-700">
              {error}
            </p>
          )}
          <ul className="mt-2 max-h-64 space-y-2 overflow-y-auto">
            {open.map((k) => (
              <li key={k.id} className="flex items-center gap-2">
                <span className="min-w-0 flex-1 truncate text-sm">
                  {k.displayName} <span className="text-zinc-600">({t.guest})</span>
                </span>
                <button
                  type="button"
                  aria-label={format(t.denyLabel, { name: k.displayName })}
                  onClick={() => void decide(k.id, "deny")}
                  className={`${button} text-zinc-700 ring-1 ring-inset ring-zinc-300 hover:bg-zinc-50 focus-visible:outline-indigo-600`}
                >
                  {t.deny}
                </button>
                <button
                  type="button"
                  aria-label={format(t.admitLabel, { name: k.displayName })}
                  onClick={() => void decide(k.id, "admit")}
                  className={`${button} bg-indigo-600 text-white hover:bg-indigo-500 focus-visible:outline-indigo-600`}
                >
                  {t.admit}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
