"use client";

import { useCallback, useState } from "react";
import type { ErrorMessages } from "@/i18n/messages/en";

/** `message` is for people, in the UI's language; `serverMessage` is the API's own, when it sent one. */
export type ApiError = { status: number; code: string; message: string; serverMessage?: string };
export type ApiResult<T> = { ok: true; data: T } | ({ ok: false } & ApiError);

/**
 * Calls one of our JSON endpoints. Known error codes are shown in the UI's language; anything
 * else falls back to the API's own (English) message, which is written to be user-safe.
 */
export async function callApi<T = unknown>(
  url: string,
  init: { method: string; json?: unknown; body?: BodyInit },
  errors: ErrorMessages,
): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method,
      headers: init.json === undefined ? undefined : { "content-type": "application/json" },
      body: init.json === undefined ? init.body : JSON.stringify(init.json),
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, status: 0, code: "network", message: errors.network };
  }
  const payload: unknown = res.status === 204 ? null : await res.json().catch(() => null);
  if (res.ok) return { ok: true, data: payload as T };
  const err = (payload as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = typeof err?.code === "string" ? err.code : "unknown";
  const known = (errors.codes as Record<string, string>)[code];
  const serverMessage = typeof err?.message === "string" ? err.message : undefined;
  return {
    ok: false,
    status: res.status,
    code,
    message: known ?? serverMessage ?? errors.generic,
    serverMessage,
  };
}

/** Pending flag + inline error for one form or button; `run` returns the data on success. */
export function useApiAction(errors: ErrorMessages) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = useCallback(
    async <T>(
      url: string,
      init: { method: string; json?: unknown; body?: BodyInit },
    ): Promise<T | undefined> => {
      setPending(true);
      setError(null);
      try {
        const result = await callApi<T>(url, init, errors);
        if (!result.ok) {
          setError(result.message);
          return undefined;
        }
        return result.data;
      } finally {
        setPending(false);
      }
    },
    [errors],
  );

  return { pending, error, setError, run };
}
