"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { Locale } from "@/i18n/config";

type Props = { locale: Locale; label: string; names: Record<Locale, string> };

const SHORT: Record<Locale, string> = { en: "EN", ru: "RU" };

export function LanguageSwitcher({ locale, label, names }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [busy, setBusy] = useState(false);

  async function choose(next: Locale) {
    if (next === locale || busy) return;
    setBusy(true);
    try {
      const res = await fetch("/api/locale", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ locale: next }),
      });
      // The cookie is what the server reads; re-render server components in the new language.
      if (res.ok) startTransition(() => router.refresh());
    } finally {
      setBusy(false);
    }
  }

  return (
    <div role="group" aria-label={label} className="flex rounded-md p-0.5 ring-1 ring-inset ring-zinc-200">
      {(Object.keys(SHORT) as Locale[]).map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={l === locale}
          title={names[l]}
          disabled={busy || pending}
          onClick={() => choose(l)}
          className={`rounded px-2 py-1 text-xs font-semibold transition-colors ${
            l === locale ? "bg-zinc-900 text-white" : "text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900"
          }`}
        >
          {SHORT[l]}
        </button>
      ))}
    </div>
  );
}
