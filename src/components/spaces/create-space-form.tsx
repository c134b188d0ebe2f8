"use client";

import { useRouter } from "next/navigation";
import { useId, type FormEvent } from "react";
import type { Messages } from "@/i18n/messages/en";
import { FormError, PendingButton, inputClass, labelClass } from "../ui";
import { spacesApi } from "@/modules/core/spaces/api/contract";
import { useApiAction } from "../use-api";

type Props = { t: Messages["dashboard"]; errors: Messages["errors"] };

export function CreateSpaceForm({ t, errors }: Props) {
  const id = useId();
  const router = useRouter();
  const { pending, error, run } = useApiAction(errors);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get("name") ?? "");
    const result = await run(spacesApi.create, { json: { name } });
    if (!result) return;
    form.reset();
    router.push(`/spaces/${result.space.id}`);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" aria-describedby={`${id}-error`}>
      <label htmlFor={`${id}-name`} className={labelClass}>
        {t.createLabel}
      </label>
      <div className="flex flex-col gap-3">
        <input
          id={`${id}-name`}
          name="name"
          required
          maxLength={100}
          autoComplete="off"
          placeholder={t.createPlaceholder}
          className={inputClass}
          aria-invalid={error ? true : undefined}
        />
        <PendingButton type="submit" className="self-start" pending={pending} pendingLabel={t.creating}>
          {t.create}
        </PendingButton>
      </div>
      <FormError id={`${id}-error`} message={error} />
    </form>
  );
}
