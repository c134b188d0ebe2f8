"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { PendingButton } from "../ui";

export function ProviderButton({ id, text, callbackUrl }: { id: string; text: string; callbackUrl: string }) {
  const [pending, setPending] = useState(false);
  return (
    <PendingButton
      variant="secondary"
      className="w-full"
      pending={pending}
      onClick={() => {
        setPending(true);
        // A full-page redirect to the provider; nothing to reset unless the browser comes back.
        void signIn(id, { callbackUrl }).finally(() => setPending(false));
      }}
    >
      {text}
    </PendingButton>
  );
}
