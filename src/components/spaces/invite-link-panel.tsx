"use client";

import { useId, useState } from "react";
import { format } from "@/i18n/format";
import type { Messages } from "@/i18n/messages/en";
import { spacesApi } from "@/modules/core/spaces/api/contract";
import { FormError, FormStatus, PendingButton, buttonClass, inputClass } from "../ui";
import { useApiAction } from "../use-api";

type Props = {
  spaceId: string;
  /** The current link's path (`/invite/<token>`), or null when there is none. */
  path: string | null;
  /** The app's public origin (NEXTAUTH_URL), so server and browser render the same link. */
  origin: string;
  t: Messages["invite"];
  errors: Messages["errors"];
};

type Busy = "create" | "replace" | "revoke" | null;

/** The space's one invite link: create, copy, replace (the old one stops working), turn off. */
export function InviteLinkPanel({ spaceId, path: initial, origin, t, errors }: Props) {
  const id = useId();
  const { error, run } = useApiAction(errors);
  const [path, setPath] = useState(initial);
  const [busy, setBusy] = useState<Busy>(null);
  const [status, setStatus] = useState<string | null>(null);
  const url = path ? new URL(path, origin) : null;

  async function make(kind: "create" | "replace") {
    setBusy(kind);
    setStatus(null);
    const result = await run(spacesApi.createInviteLink, { params: { spaceId } });
    setBusy(null);
    if (!result) return;
    setPath(result.link.path);
    if (kind === "replace") setStatus(t.linkReplaced);
  }

  async function revoke() {
    setBusy("revoke");
    setStatus(null);
    const result = await run(spacesApi.revokeInviteLink, { params: { spaceId } });
    setBusy(null);
    if (result === undefined) return;
    setPath(null);
    setStatus(t.linkRevoked);
  }

  async function copy() {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url.toString());
      setStatus(t.linkCopied);
    } catch {
      // Clipboard access needs a secure context and permission; the field shows the link to copy by hand.
      setStatus(format(t.linkCopyFailed, { url: url.toString() }));
    }
  }

  return (
    <div className="space-y-3">
      <p id={`${id}-hint`} className="text-xs text-zinc-500">
        {t.linkHint}
      </p>
      {url ? (
        <>
          <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
            <label htmlFor={`${id}-url`} className="sr-only">
              {t.linkLabel}
            </label>
            <input
              id={`${id}-url`}
              readOnly
              value={url.toString()}
              onFocus={(e) => e.currentTarget.select()}
              className={`${inputClass} min-w-0 flex-1 font-mono text-xs`}
            />
            <button type="button" onClick={copy} className={buttonClass("primary", "shrink-0")}>
              {t.linkCopy}
            </button>
          </div>
          <div className="flex flex-wrap gap-2">
            <PendingButton
              variant="secondary"
              pending={busy === "replace"}
              pendingLabel={t.linkReplacing}
              onClick={() => void make("replace")}
            >
              {t.linkReplace}
            </PendingButton>
            <PendingButton
              variant="ghost"
              pending={busy === "revoke"}
              pendingLabel={t.linkRevoking}
              onClick={() => void revoke()}
            >
              {t.linkRevoke}
            </PendingButton>
          </div>
        </>
      ) : (
        <div className="flex flex-col items-start gap-2">
          <p className="text-sm text-zinc-600">{t.linkNone}</p>
          <PendingButton
            variant="secondary"
            pending={busy === "create"}
            pendingLabel={t.linkCreating}
            onClick={() => void make("create")}
          >
            {t.linkCreate}
          </PendingButton>
        </div>
      )}
      <FormError message={error} />
      <FormStatus message={status} />
    </div>
  );
}
