"use client";

import { Fragment, useEffect, useId, useRef } from "react";
import type { CallbarText } from "@/i18n/messages/callbar";

const KEYS = [
  { keys: ["Ctrl", "D"], label: "shortcutMic" },
  { keys: ["Ctrl", "E"], label: "shortcutCamera" },
  { keys: ["?"], label: "shortcutHelp" },
  { keys: ["Esc"], label: "shortcutEscape" },
] as const;

/** The list of the call's keyboard shortcuts, a modal <dialog> (Escape closes it, focus comes back). */
export function ShortcutsDialog({
  open,
  onClose,
  t,
}: {
  open: boolean;
  onClose: () => void;
  t: CallbarText;
}) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (open && dialog && !dialog.open) dialog.showModal();
    else if (!open && dialog?.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      onClose={onClose}
      className="m-auto w-[min(26rem,calc(100vw-2rem))] rounded-xl bg-white p-6 text-zinc-900 shadow-xl backdrop:bg-black/60"
    >
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {t.shortcuts}
      </h2>
      <dl className="mt-4 space-y-2 text-sm">
        {KEYS.map(({ keys, label }) => (
          <div key={label} className="flex items-center justify-between gap-4">
            <dt className="text-zinc-700">{t[label]}</dt>
            <dd className="shrink-0 text-xs text-zinc-500">
              {keys.map((k, i) => (
                <Fragment key={k}>
                  {i > 0 && " + "}
                  <kbd className="rounded border border-zinc-300 bg-zinc-50 px-1.5 py-0.5 font-mono text-zinc-800">
                    {k}
                  </kbd>
                </Fragment>
              ))}
            </dd>
          </div>
        ))}
      </dl>
      <p className="mt-4 text-xs text-zinc-500">{t.shortcutsMac}</p>
      <div className="mt-6 flex justify-end">
        <button
          type="button"
          onClick={onClose}
          className="inline-flex min-h-9 items-center rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          {t.close}
        </button>
      </div>
    </dialog>
  );
}
