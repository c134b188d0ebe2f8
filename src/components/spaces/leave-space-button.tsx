"use client";

import { useRouter } from "next/navigation";
import type { Messages } from "@/i18n/messages/en";
import { FormError, PendingButton } from "../ui";
import { spacesApi } from "@/modules/core/spaces/api/contract";
import { useApiAction } from "../use-api";

type Props = { spaceId: string; t: Messages["space"]; errors: Messages["errors"] };

export function LeaveSpaceButton({ spaceId, t, errors }: Props) {
  const router = useRouter();
  const { pending, error, run } = useApiAction(errors);

  async function onLeave() {
    const result = await run(spacesApi.leave, { params: { spaceId } });
    if (result === undefined) return;
    router.push("/");
    router.refresh();
  }

  return (
    <div className="flex max-w-xs flex-col items-start gap-2 sm:items-end sm:text-right">
      <PendingButton variant="secondary" onClick={onLeave} pending={pending} pendingLabel={t.leaving}>
        {t.leave}
      </PendingButton>
      <FormError message={error} />
    </div>
  );
}
