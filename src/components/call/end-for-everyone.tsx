"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { Messages } from "@/i18n/messages/en";
import { sessionsApi } from "@/modules/core/sessions/api/contract";
import { PendingButton } from "../ui";
import { callApi } from "../use-api";
import { base } from "./control-classes";

type T = Messages["call"];

/** A modal <dialog>: focus is trapped and Escape cancels, and the safe choice gets focus first. */
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
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      cancelRef.current?.focus();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);

  async function onConfirm() {
    setPending(true);
    setError(null);
    const result = await callApi(sessionsApi.end, { params: { slug } }, errors);
    setPending(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setOpen(false);
    onEnded();
  }

  return (
    <>
      <button
        type="button"
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
        aria-label={t.endForAll}
        className={`${base} bg-red-600 text-white hover:bg-red-500`}
      >
        <EndIcon />
        <span className="hidden sm:inline">{t.endForAll}</span>
      </button>
      <dialog
        ref={dialogRef}
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        onClose={() => setOpen(false)}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl bg-white p-6 text-zinc-900 shadow-xl backdrop:bg-black/60"
      >
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {t.endConfirmTitle}
        </h2>
        <p id={`${id}-body`} className="mt-2 text-sm text-zinc-600">
          {t.endConfirmBody}
        </p>
        <p role="alert" className={error ? "mt-3 text-sm text-red-700" : "sr-only"}>
          {error ?? ""}
        </p>
        <div className="mt-6 flex flex-wrap justify-end gap-2">
          <button
            ref={cancelRef}
            type="button"
            onClick={() => setOpen(false)}
            disabled={pending}
            className="inline-flex min-h-9 items-center rounded-md bg-white px-3.5 py-2 text-sm font-medium text-zinc-900 shadow-sm ring-1 ring-inset ring-zinc-300 hover:bg-zinc-50"
          >
            {t.cancel}
          </button>
          <PendingButton variant="danger" onClick={onConfirm} pending={pending} pendingLabel={t.ending}>
            {t.endConfirm}
          </PendingButton>
        </div>
      </dialog>
    </>
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
