"use client";

import { useRouter } from "next/navigation";
import type { Messages } from "@/i18n/messages/en";
import { spacesApi } from "@/modules/core/spaces/api/contract";
import { FormError, PendingButton } from "../ui";
import { useApiAction } from "../use-api";

/** The invite page's one click: join through the link, then open the space. */
export function JoinSpaceButton({
  token,
  t,
  errors,
}: {
  token: string;
  t: Messages["invite"];
  errors: Messages["errors"];
}) {
  const router = useRouter();
  const { pending, error, run } = useApiAction(errors);

  async function join() {
    const result = await run(spacesApi.joinByInviteLink, { params: { token } });
    if (result) router.push(`/spaces/${result.membership.spaceId}`);
  }

  return (
    <div className="space-y-2">
      <PendingButton pending={pending} pendingLabel={t.joining} onClick={() => void join()}>
        {t.joinButton}
      </PendingButton>
      <FormError message={error} />
    </div>
  );
}
