"use client";

import { useRouter } from "next/navigation";
import type { Messages } from "@/i18n/messages/en";
import { spacesApi } from "@/modules/core/spaces/api/contract";
import { FormError, buttonClass } from "../ui";
import { useApiAction } from "../use-api";

/** Which button: the invitee's accept or decline, or an owner's or admin's withdrawal. */
export type InvitationAction =
  | { kind: "accept" | "decline"; invitationId: string }
  | { kind: "revoke"; spaceId: string; invitationId: string };

type Props = {
  action: InvitationAction;
  label: string;
  ariaLabel: string;
  variant: "primary" | "secondary" | "ghost";
  errors: Messages["errors"];
};

/** One button of an invitation row (accept, decline, withdraw): call, then re-render the page. */
export function InvitationActionButton({ action, label, ariaLabel, variant, errors }: Props) {
  const router = useRouter();
  const { pending, error, run } = useApiAction(errors);

  async function onClick() {
    const done =
      action.kind === "revoke"
        ? await run(spacesApi.revokeInvitation, { params: action })
        : action.kind === "accept"
          ? await run(spacesApi.acceptInvitation, { params: action })
          : await run(spacesApi.declineInvitation, { params: action });
    if (done !== undefined) router.refresh();
  }

  return (
    <span className="inline-flex flex-col items-end gap-1">
      <button
        type="button"
        className={buttonClass(variant)}
        onClick={onClick}
        disabled={pending}
        aria-label={ariaLabel}
      >
        {label}
      </button>
      <FormError message={error} />
    </span>
  );
}
