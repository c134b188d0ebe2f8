"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { buttonClass } from "../ui";

export function SignOutButton({ text, pendingText }: { text: string; pendingText: string }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className={buttonClass("ghost", "min-h-8 px-2.5 py-1.5")}
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: "/signin" });
      }}
    >
      {pending ? pendingText : text}
    </button>
  );
}
