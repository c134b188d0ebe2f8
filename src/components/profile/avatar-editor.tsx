"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, type FormEvent } from "react";
import type { Messages } from "@/i18n/messages/en";
import { Avatar, FormError, buttonClass, labelClass } from "../ui";
import { profileApi } from "@/modules/core/identity/api/contract";
import { useApiAction } from "../use-api";

type Props = {
  name: string;
  email: string;
  image: string | null;
  t: Messages["profile"];
  errors: Messages["errors"];
};

export function AvatarEditor({ name, email, image, t, errors }: Props) {
  const id = useId();
  const router = useRouter();
  const fileRef = useRef<HTMLInputElement>(null);
  const upload = useApiAction(errors);
  const removal = useApiAction(errors);
  const pending = upload.pending || removal.pending;
  const error = upload.error ?? removal.error;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    removal.setError(null);
    const file = fileRef.current?.files?.[0];
    if (!file) {
      upload.setError(t.chooseFirst);
      fileRef.current?.focus();
      return;
    }
    const body = new FormData();
    body.set("file", file);
    // No content-type header: the browser writes the multipart boundary itself.
    const result = await upload.run(profileApi.uploadAvatar, { body });
    if (result === undefined) return;
    event.currentTarget?.reset();
    router.refresh();
  }

  async function onRemove() {
    upload.setError(null);
    const result = await removal.run(profileApi.removeAvatar, {});
    if (result !== undefined) router.refresh();
  }

  return (
    <div className="flex flex-col gap-5 sm:flex-row sm:items-start">
      <Avatar name={name} email={email} image={image} size="lg" alt={t.avatarAlt} />
      <form
        onSubmit={onSubmit}
        className="min-w-0 flex-1 space-y-3"
        aria-describedby={`${id}-hint ${id}-error`}
      >
        <div className="space-y-1.5">
          <label htmlFor={`${id}-file`} className={labelClass}>
            {t.fileLabel}
          </label>
          <input
            ref={fileRef}
            id={`${id}-file`}
            name="file"
            type="file"
            accept="image/png,image/jpeg,image/webp"
            className="block w-full max-w-full text-sm text-zinc-600"
            aria-invalid={error ? true : undefined}
            onChange={() => upload.setError(null)}
          />
          <p id={`${id}-hint`} className="text-xs text-zinc-500">
            {t.fileHint}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <button
            type="submit"
            className={buttonClass("primary")}
            disabled={pending}
            aria-busy={upload.pending}
          >
            {upload.pending ? t.uploading : t.upload}
          </button>
          {image && (
            <button type="button" className={buttonClass("secondary")} onClick={onRemove} disabled={pending}>
              {removal.pending ? t.removing : t.removeAvatar}
            </button>
          )}
        </div>
        <FormError id={`${id}-error`} message={error} />
      </form>
    </div>
  );
}
