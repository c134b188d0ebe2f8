"use client";

import { useRouter } from "next/navigation";
import type { Messages } from "@/i18n/messages/en";
import { FormError, buttonClass } from "../ui";
import { useApiAction } from "../use-api";

type Props = {
  url: string;
  method: "POST" | "DELETE";
  label: string;
  ariaLabel: string;
  variant: "primary" | "secondary" | "ghost";
  errors: Messages["errors"];
};

/** One button of an invitation row (accept, decline, withdraw): call, then re-render the page. */
export function InvitationActionButton({ url, method, label, ariaLabel, variant, errors }: Props) {
  const router = useRouter();
  const { pending, error, run } = useApiAction(errors);

  async function onClick() {
    if ((await run(url, { method })) !== undefined) router.refresh();
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
