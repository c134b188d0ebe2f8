"use client";

import { useEffect, useState } from "react";
import type { ErrorMessages } from "@/i18n/messages/en";
import { urlOf, type Endpoint, type PathParams, type Reply } from "@/lib/http-contract";
import { callApi, type ApiResult, type CallInit } from "./use-api";

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
 * The last good answer of a GET `endpoint`, read through `callApi` every `intervalMs` while `params`
 * is set (null: not polling, nothing shown).
 */
export function usePolling<E extends Endpoint>(
  endpoint: E,
  params: PathParams<E> | null,
  intervalMs: number,
  errors: ErrorMessages,
): Reply<E> | null {
  const key = params ? urlOf(endpoint, params as Record<string, string>) : null;
  const [data, setData] = useState<{ key: string; value: Reply<E> } | null>(null);
  useEffect(() => {
    if (!key || !params) return;
    return startPolling<Reply<E>>({
      read: () => callApi(endpoint, { params } as CallInit<E>, errors),
      onData: (value) => setData({ key, value }),
      intervalMs,
    });
    // `key` stands for `params`: a new object with the same values is the same poll.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [endpoint, key, intervalMs, errors]);
  // An answer for another url (the slug changed, polling turned off) is not this one's.
  return data && data.key === key ? data.value : null;
}
