"use client";

import type { Messages } from "@/i18n/messages/en";
import { sessionsApi } from "@/modules/core/sessions/api/contract";
import { callApi } from "../use-api";
import { ConfirmAction } from "./confirm-action";
import { base } from "./control-classes";

type T = Messages["call"];

/** End for everyone, behind a confirmation (ConfirmAction). */
export function EndForEveryone({
  slug,
  onEnded,
  t,
  errors,
}: {
  slug: string;
  onEnded: () => void;
  t: T;
  errors: Messages["errors"];
}) {
  return (
    <ConfirmAction
      trigger={(open) => (
        <button
          type="button"
          onClick={open}
          aria-label={t.endForAll}
          className={`${base} bg-red-600 text-white hover:bg-red-500`}
        >
          <EndIcon />
          <span className="hidden sm:inline">{t.endForAll}</span>
        </button>
      )}
      title={t.endConfirmTitle}
      body={t.endConfirmBody}
      cancel={t.cancel}
      confirm={t.endConfirm}
      pendingLabel={t.ending}
      action={async () => {
        const result = await callApi(sessionsApi.end, { params: { slug } }, errors);
        return result.ok ? null : result.message;
      }}
      onDone={onEnded}
    />
  );
}

/** A handset put down: "end the call" without words on a phone's narrow bar. */
function EndIcon() {
  return (
    <svg aria-hidden width="16" height="16" viewBox="0 0 16 16" fill="currentColor">
      <path d="M8 5.5c-2.6 0-5 .8-6.6 2.2-.5.4-.5 1.1-.1 1.6l1 1.1c.4.4 1 .5 1.5.2l1.5-.9c.4-.2.6-.7.5-1.1l-.2-1c1.5-.5 3.3-.5 4.8 0l-.2 1c-.1.4.1.9.5 1.1l1.5.9c.5.3 1.1.2 1.5-.2l1-1.1c.4-.5.4-1.2-.1-1.6C13 6.3 10.6 5.5 8 5.5z" />
    </svg>
  );
}
