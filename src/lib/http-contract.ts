import { z } from "zod";

// The browser builds these schemas too (callApi types replies by them). There zod would probe
// whether it may compile parsers with `new Function`, and the page's CSP reports the probe as a
// violation; the browser never parses replies, so it needs no JIT. Set before any schema is built:
// every contract imports this module first.
if (typeof window !== "undefined") z.config({ jitless: true });

/**
 * One HTTP endpoint as both sides see it: the handler parses with `request`/`query`, the browser's
 * `callApi` builds the URL from `path` and types the reply by `response`, and the tests parse every
 * reply with `response` (`expectReply`), so a reply that drifts from its contract fails a test. The
 * ws protocol (`transcription/domain/protocol.ts`) is the same idea for the socket.
 */
export type Endpoint = {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Next's route path, with `[name]` for each path parameter. */
  path: string;
  request?: z.ZodType;
  query?: z.ZodType;
  response: z.ZodType;
  /** The success status (200 when omitted); 204 endpoints answer `noContent`. */
  status?: number;
};

export function endpoint<const E extends Endpoint>(e: E): E {
  return e;
}

/** The reply of a 204: no body, which the clients read as null. */
export const noContent = z.null();

/** An ISO timestamp as JSON carries a `Date`. */
export const isoDate = z.iso.datetime({ offset: true });

export type Reply<E extends Endpoint> = z.output<E["response"]>;
/** An endpoint without a request schema reads no body (a few callers send `{}`). */
export type RequestBody<E extends Endpoint> = E["request"] extends z.ZodType
  ? z.input<E["request"]>
  : Record<string, never>;
export type QueryOf<E extends Endpoint> = E["query"] extends z.ZodType
  ? { [K in keyof z.input<E["query"]>]?: string }
  : never;

type ParamNames<P extends string> = P extends `${string}[${infer K}]${infer Rest}`
  ? K | ParamNames<Rest>
  : never;
export type PathParams<E extends Endpoint> = Record<ParamNames<E["path"]>, string>;

/**
 * What a handler may put in the reply for a wire type: a `Date` wherever the wire has a free
 * string (JSON turns it into its ISO form), everything else as the contract says. Checked at compile time
 * only: parsing every reply in production would cost each request a walk over its body, and the
 * tests parse them all.
 */
export type Jsonable<T> = T extends string
  ? string extends T
    ? string | Date
    : T
  : T extends readonly (infer U)[]
    ? readonly Jsonable<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonable<T[K]> }
      : T;

/** The URL of an endpoint: `[name]` segments filled (encoded) from `params`, then the query. */
export function urlOf(e: Endpoint, params: Record<string, string> = {}, query?: Record<string, string>) {
  const path = e.path.replace(/\[(\w+)\]/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${e.path}: missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
  const search = query ? new URLSearchParams(query).toString() : "";
  return search ? `${path}?${search}` : path;
}
