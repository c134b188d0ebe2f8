"use client";

import { useCallback, useState } from "react";
import type { ErrorMessages } from "@/i18n/messages/en";
import {
  urlOf,
  type Endpoint,
  type PathParams,
  type QueryOf,
  type Reply,
  type RequestBody,
} from "@/lib/http-contract";
import { ERROR_CODES, type ErrorCode } from "@/modules/core/shared/domain/error-codes";

/**
 * `code` is the server's (one of `ErrorCode`), or `network` when it was not reached and `unknown`
 * when it answered without our error body. `message` is for people, in the UI's language;
 * `serverMessage` is the API's own, when it sent one.
 */
export type ApiError = {
  status: number;
  code: ErrorCode | "network" | "unknown";
  message: string;
  serverMessage?: string;
  /** A 429's Retry-After, so the UI can say how long to wait. */
  retryAfterSeconds?: number;
};
export type ApiResult<T> = { ok: true; data: T } | ({ ok: false } & ApiError);

/** What a call to `E` sends: its path parameters (when its path has any), body or query. */
export type CallInit<E extends Endpoint> = {
  json?: RequestBody<E>;
  body?: BodyInit;
  query?: QueryOf<E>;
} & (keyof PathParams<E> extends never ? { params?: undefined } : { params: PathParams<E> });

const KNOWN = new Set<string>(ERROR_CODES);
const isErrorCode = (code: unknown): code is ErrorCode => typeof code === "string" && KNOWN.has(code);

/**
 * Calls one of our JSON endpoints by its contract (`api/contract.ts` of its module): the URL and
 * method come from the contract and the reply is typed by it. Known error codes are shown in the
 * UI's language; anything else falls back to the API's own (English) message, which is written to
 * be user-safe.
 */
export async function callApi<E extends Endpoint>(
  endpoint: E,
  init: CallInit<E>,
  errors: ErrorMessages,
): Promise<ApiResult<Reply<E>>> {
  let res: Response;
  try {
    res = await fetch(urlOf(endpoint, init.params, init.query as Record<string, string> | undefined), {
      method: endpoint.method,
      headers: init.json === undefined ? undefined : { "content-type": "application/json" },
      body: init.json === undefined ? init.body : JSON.stringify(init.json),
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, status: 0, code: "network", message: errors.network };
  }
  const payload: unknown = res.status === 204 ? null : await res.json().catch(() => null);
  // Typed, not parsed: the tests parse every reply with the same contract.
  if (res.ok) return { ok: true, data: payload as Reply<E> };
  const err = (payload as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = isErrorCode(err?.code) ? err.code : "unknown";
  const known = code === "unknown" ? undefined : errors.codes[code];
  const serverMessage = typeof err?.message === "string" ? err.message : undefined;
  const retryAfter = Number(res.headers.get("retry-after"));
  return {
    ok: false,
    status: res.status,
    code,
    message: known ?? serverMessage ?? errors.generic,
    serverMessage,
    ...(retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
  };
}

/** Pending flag + inline error for one form or button; `run` returns the data on success. */
export function useApiAction(errors: ErrorMessages) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = useCallback(
    async <E extends Endpoint>(endpoint: E, init: CallInit<E>): Promise<Reply<E> | undefined> => {
      setPending(true);
      setError(null);
      try {
        const result = await callApi(endpoint, init, errors);
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
