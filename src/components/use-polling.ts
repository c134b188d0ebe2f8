"use client";

import { useEffect, useState } from "react";
import type { ErrorMessages } from "@/i18n/messages/en";
import { callApi, type ApiResult } from "./use-api";

type Timers = {
  setInterval: (fn: () => void, ms: number) => unknown;
  clearInterval: (handle: unknown) => void;
};

const browserTimers: Timers = {
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
};

/**
 * Reads now and then every `intervalMs`, handing each good answer to `onData`. A failed read (offline
 * for a moment, a 404 for someone not allowed) is skipped: the next one tries again and the last
 * answer stands. Nothing is handed over after `stop`. Framework-free, so it is tested without React.
 */
export function startPolling<T>(opts: {
  read: () => Promise<ApiResult<T>>;
  onData: (data: T) => void;
  intervalMs: number;
  timers?: Timers;
}): () => void {
  const timers = opts.timers ?? browserTimers;
  let stopped = false;
  const once = async () => {
    const res = await opts.read().catch(() => null);
    if (!stopped && res?.ok) opts.onData(res.data);
  };
  void once();
  const handle = timers.setInterval(() => void once(), opts.intervalMs);
  return () => {
    stopped = true;
    timers.clearInterval(handle);
  };
}

/**
 * The last good answer of `GET url`, read through `callApi` every `intervalMs` while `url` is set
 * (null: not polling, nothing shown).
 */
export function usePolling<T>(url: string | null, intervalMs: number, errors: ErrorMessages): T | null {
  const [data, setData] = useState<{ url: string; value: T } | null>(null);
  useEffect(() => {
    if (!url) return;
    return startPolling<T>({
      read: () => callApi<T>(url, { method: "GET" }, errors),
      onData: (value) => setData({ url, value }),
      intervalMs,
    });
  }, [url, intervalMs, errors]);
  // An answer for another url (the slug changed, polling turned off) is not this one's.
  return data && data.url === url ? data.value : null;
}
