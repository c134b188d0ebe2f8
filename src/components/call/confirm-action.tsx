"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { PendingButton } from "../ui";

/**
 * An action behind a modal <dialog>: focus is trapped, Escape cancels and the safe choice has focus
 * first. `action` answers an error message to show (the dialog stays) or null (it closes, then
 * `onDone` runs).
 */
export function ConfirmAction(props: {
  trigger: (open: () => void) => ReactNode;
  title: string;
  body: string;
  cancel: string;
  confirm: string;
  pendingLabel: string;
  action: () => Promise<string | null>;
  onDone?: () => void;
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
    const failed = await props.action();
    setPending(false);
    if (failed !== null) return setError(failed);
    setOpen(false);
    props.onDone?.();
  }

  return (
    <>
      {props.trigger(() => {
        setError(null);
        setOpen(true);
      })}
      <dialog
        ref={dialogRef}
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        onClose={() => setOpen(false)}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl bg-white p-6 text-zinc-900 shadow-xl backdrop:bg-black/60"
      >
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {props.title}
        </h2>
        <p id={`${id}-body`} className="mt-2 text-sm text-zinc-600">
          {props.body}
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
            {props.cancel}
          </button>
          <PendingButton
            variant="danger"
            onClick={onConfirm}
            pending={pending}
            pendingLabel={props.pendingLabel}
          >
            {props.confirm}
          </PendingButton>
        </div>
      </dialog>
    </>
  );
}
