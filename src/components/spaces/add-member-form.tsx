"use client";

import { useRouter } from "next/navigation";
import { useId, type FormEvent } from "react";
import type { Messages } from "@/i18n/messages/en";
import type { SpaceRole } from "@/modules/core/spaces/domain/space";
import { FormError, PendingButton, inputClass, labelClass, selectClass } from "../ui";
import { useApiAction } from "../use-api";

type Props = {
  spaceId: string;
  roles: SpaceRole[];
  t: Messages["space"];
  roleNames: Messages["roles"];
  errors: Messages["errors"];
};

export function AddMemberForm({ spaceId, roles, t, roleNames, errors }: Props) {
  const id = useId();
  const router = useRouter();
  const { pending, error, run } = useApiAction(errors);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const result = await run(`/api/spaces/${spaceId}/members`, {
      method: "POST",
      json: { email: String(data.get("email") ?? ""), role: String(data.get("role") ?? "MEMBER") },
    });
    if (result === undefined) return;
    form.reset();
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" aria-describedby={`${id}-hint ${id}-error`}>
      <div className="grid gap-3 sm:grid-cols-[1fr_10rem_auto] sm:items-end">
        <div className="space-y-1.5">
          <label htmlFor={`${id}-email`} className={labelClass}>
            {t.emailLabel}
          </label>
          <input
            id={`${id}-email`}
            name="email"
            type="email"
            required
            maxLength={254}
            autoComplete="off"
            className={inputClass}
            aria-invalid={error ? true : undefined}
          />
        </div>
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
        <PendingButton type="submit" pending={pending} pendingLabel={t.adding}>
          {t.add}
        </PendingButton>
      </div>
      <p id={`${id}-hint`} className="text-xs text-zinc-500">
        {t.addHint}
      </p>
      <FormError id={`${id}-error`} message={error} />
    </form>
  );
}
