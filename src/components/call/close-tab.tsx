"use client";

import { useState } from "react";
import { buttonClass } from "../ui";

/**
 * The way out for someone without an account (a guest): there is no start page to go back to
 * (ours asks to sign in). Browsers close only tabs a script opened, so when the tab stays, the
 * hint says it can be closed.
 */
export function CloseTab({ label, hint }: { label: string; hint: string }) {
  const [tried, setTried] = useState(false);
  return (
    <>
      <button
        type="button"
        className={buttonClass("secondary")}
        onClick={() => {
          window.close();
          setTried(true);
        }}
      >
        {label}
      </button>
      <p role="status" className="basis-full text-sm text-zinc-600">
        {tried ? hint : ""}
      </p>
    </>
  );
}
