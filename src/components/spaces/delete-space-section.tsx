"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { format } from "@/i18n/format";
import type { Messages } from "@/i18n/messages/en";
import { FormError, PendingButton, buttonClass } from "../ui";
import { spacesApi } from "@/modules/core/spaces/api/contract";
import { useApiAction } from "../use-api";

type Props = { spaceId: string; name: string; t: Messages["space"]; errors: Messages["errors"] };

export function DeleteSpaceSection({ spaceId, name, t, errors }: Props) {
  const router = useRouter();
  const { pending, error, run } = useApiAction(errors);
  const [confirming, setConfirming] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  // Keyboard users land on the safe choice when asked, and back on the trigger when they cancel.
  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
    else if (wasConfirming.current) openRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  async function onDelete() {
    const result = await run(spacesApi.delete, { params: { spaceId } });
    if (result === undefined) return;
    router.push("/");
    router.refresh();
  }

  return (
    <div className="space-y-3">
      {confirming ? (
        <div className="space-y-3 rounded-lg bg-red-50 p-4 ring-1 ring-inset ring-red-200">
          <p className="text-sm font-medium text-red-900">{format(t.deleteConfirm, { name })}</p>
          <div className="flex flex-wrap gap-2">
            <PendingButton variant="danger" onClick={onDelete} pending={pending} pendingLabel={t.deleting}>
              {t.deleteConfirmButton}
            </PendingButton>
            <button
              ref={cancelRef}
              type="button"
              className={buttonClass("secondary")}
              onClick={() => setConfirming(false)}
              disabled={pending}
            >
              {t.cancel}
            </button>
          </div>
        </div>
      ) : (
        <button
          ref={openRef}
          type="button"
          className={buttonClass("danger")}
          onClick={() => setConfirming(true)}
        >
          {t.delete}
        </button>
      )}
      <FormError message={error} />
    </div>
  );
}
