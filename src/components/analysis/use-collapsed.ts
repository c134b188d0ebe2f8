"use client";

import { useCallback, useSyncExternalStore } from "react";

const subscribe = (onChange: () => void) => {
  window.addEventListener("storage", onChange);
  return () => window.removeEventListener("storage", onChange);
};

/**
 * A card's collapsed state remembered in this browser (localStorage under `key`): every page
 * that shows the card opens it as the reader left it. The server renders it open.
 */
export function useCollapsed(key: string): [boolean, (collapsed: boolean) => void] {
  const read = useCallback(() => {
    try {
      return window.localStorage.getItem(key) === "1";
    } catch {
      return false; // storage blocked: the card opens every time
    }
  }, [key]);
  const collapsed = useSyncExternalStore(subscribe, read, () => false);
  const set = useCallback(
    (next: boolean) => {
      try {
        if (next) window.localStorage.setItem(key, "1");
        else window.localStorage.removeItem(key);
      } catch {
        return;
      }
      // The storage event fires only in other tabs; tell this one too.
      window.dispatchEvent(new StorageEvent("storage", { key }));
    },
    [key],
  );
  return [collapsed, set];
}
