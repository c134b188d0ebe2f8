"use client";

import { signIn } from "next-auth/react";
import { useId, useState, type FormEvent } from "react";
import type { Messages } from "@/i18n/messages/en";
import { safeCallbackPath } from "@/lib/safe-callback";
import { FormError, PendingButton, TextField } from "../ui";

type Props = { t: Messages["signin"]; callbackUrl: string };

export function DevSignInForm({ t, callbackUrl }: Props) {
  const id = useId();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      // redirect:false keeps failures on this page as an inline message instead of a reload.
      const result = await signIn("dev", {
        name: String(data.get("name") ?? ""),
        email: String(data.get("email") ?? ""),
        callbackUrl,
        redirect: false,
      });
      if (result?.ok && !result.error) {
        // A full navigation, so the server renders the next page with the new session cookie.
        window.location.assign(safeCallbackPath(callbackUrl, window.location.origin));
        return;
      }
      const known = result?.error ? (t.errors as Record<string, string>)[result.error] : undefined;
      setError(known ?? t.errors.CredentialsSignin);
    } catch {
      setError(t.errors.generic);
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-describedby={`${id}-error`}>
      <TextField
        id={`${id}-name`}
        label={t.nameLabel}
        name="name"
        type="text"
        required
        maxLength={80}
        autoComplete="name"
        error={error}
        errorId={`${id}-error`}
      />
      <TextField
        id={`${id}-email`}
        label={t.emailLabel}
        name="email"
        type="email"
        required
        maxLength={254}
        autoComplete="email"
        error={error}
        errorId={`${id}-error`}
      />
      <FormError id={`${id}-error`} message={error} />
      <PendingButton type="submit" className="w-full" pending={pending} pendingLabel={t.submitting}>
        {t.submit}
      </PendingButton>
    </form>
  );
}
