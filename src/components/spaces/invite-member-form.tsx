"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { format } from "@/i18n/format";
import type { Messages } from "@/i18n/messages/en";
import { FormError, FormStatus, PendingButton, labelClass, selectClass, TextField } from "../ui";
import { spacesApi } from "@/modules/core/spaces/api/contract";
import type { SpaceRole } from "@/modules/core/spaces/domain/space";
import { useApiAction } from "../use-api";

type Props = {
  spaceId: string;
  roles: SpaceRole[];
  t: Messages["invitations"];
  roleNames: Messages["roles"];
  errors: Messages["errors"];
};

export function InviteMemberForm({ spaceId, roles, t, roleNames, errors }: Props) {
  const id = useId();
  const router = useRouter();
  const { pending, error, run } = useApiAction(errors);
  const [sent, setSent] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setSent(null);
    const result = await run(spacesApi.invite, {
      params: { spaceId },
      json: {
        email: String(data.get("email") ?? ""),
        role: String(data.get("role") ?? "MEMBER") as SpaceRole,
      },
    });
    if (result === undefined) return;
    setSent(format(t.sent, { email: result.invitation.email }));
    form.reset();
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" aria-describedby={`${id}-hint ${id}-error`}>
      <div className="grid gap-3 sm:grid-cols-[1fr_10rem_auto] sm:items-end">
        <TextField
          id={`${id}-email`}
          label={t.emailLabel}
          name="email"
          type="email"
          required
          maxLength={254}
          autoComplete="off"
          error={error}
          errorId={`${id}-error`}
        />
        <div className="space-y-1.5">
          <label htmlFor={`${id}-role`} className={labelClass}>
            {t.roleLabel}
          </label>
          <select id={`${id}-role`} name="role" defaultValue="MEMBER" className={selectClass}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {roleNames[r]}
              </option>
            ))}
          </select>
        </div>
        <PendingButton type="submit" pending={pending} pendingLabel={t.inviting}>
          {t.invite}
        </PendingButton>
      </div>
      <p id={`${id}-hint`} className="text-xs text-zinc-500">
        {t.inviteHint}
      </p>
      <FormError id={`${id}-error`} message={error} />
      <FormStatus message={sent} />
    </form>
  );
}
