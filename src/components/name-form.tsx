"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import type { Messages } from "@/i18n/messages/en";
import { profileApi } from "@/modules/core/identity/api/contract";
import { spacesApi } from "@/modules/core/spaces/api/contract";
import { FormError, FormStatus, PendingButton, inputClass, labelClass } from "./ui";
import { useApiAction } from "./use-api";

type Props = {
  /** Whose name: the signed-in user's profile, or a space's. */
  target: "profile" | { spaceId: string };
  name: string;
  maxLength: number;
  autoComplete: string;
  variant: "primary" | "secondary";
  t: { nameLabel: string; save: string; saving: string; saved: string };
  errors: Messages["errors"];
};

/** One labelled name field with Save: renaming a space and editing one's display name. */
export function NameForm({ target, name, maxLength, autoComplete, variant, t, errors }: Props) {
  const id = useId();
  const router = useRouter();
  const { pending, error, run } = useApiAction(errors);
  const [saved, setSaved] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const next = String(new FormData(event.currentTarget).get("name") ?? "");
    const json = { name: next };
    const result =
      target === "profile"
        ? await run(profileApi.update, { json })
        : await run(spacesApi.rename, { params: target, json });
    if (result === undefined) return;
    setSaved(true);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" aria-describedby={`${id}-error`}>
      <label htmlFor={`${id}-name`} className={labelClass}>
        {t.nameLabel}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          id={`${id}-name`}
          name="name"
          required
          maxLength={maxLength}
          defaultValue={name}
          autoComplete={autoComplete}
          className={inputClass}
          aria-invalid={error ? true : undefined}
          onChange={() => setSaved(false)}
        />
        <PendingButton
          type="submit"
          variant={variant}
          className="shrink-0"
          pending={pending}
          pendingLabel={t.saving}
        >
          {t.save}
        </PendingButton>
      </div>
      <FormError id={`${id}-error`} message={error} />
      <FormStatus message={saved ? t.saved : null} />
    </form>
  );
}
