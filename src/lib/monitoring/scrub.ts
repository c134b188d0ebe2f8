import type { Breadcrumb, ErrorEvent, Event } from "@sentry/core";

/**
 * What leaves for Sentry, on every runtime (browser, server, edge, ws): emails, names, transcript
 * text, cookies, credentials, query values and bodies are removed before an event is sent. Free
 * text cannot be told apart from a name, so structured places that may hold people's words are
 * dropped whole, and free text keeps only what patterns can clean.
 */

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
// Drizzle puts a failed query's parameters (names, emails, transcript text) in its message.
const PARAMS = /\bparams:[\s\S]*$/gi;
// PostgreSQL quotes the offending value (`invalid input syntax for type uuid: "…"`), and a
// CSS selector in a click breadcrumb carries attribute values such as an aria-label with a name.
const DOUBLE_QUOTED = /"(?:[^"\\]|\\.)*"/g;
const QUERY_VALUE = /([?&][^=&#\s"'<>]+)=[^&#\s"'<>]*/g;
const BEARER = /\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const JWT = /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const LONG_DIGITS = /\b\d{9,}\b/g;

const REDACTED = "[redacted]";

// Keys whose values are personal or secret wherever they appear (extra, contexts, breadcrumb data).
const SENSITIVE_KEY =
  /^(e-?mail|.*name|text|transcript|.*body|data|cookies?|set-cookie|authorization|.*token|.*secret|.*password|summary|title|description|content|message|query(_string)?|params|args|arguments|ip(_address)?)$/i;
// Request headers that say nothing about the person; everything else is dropped.
const SAFE_HEADERS = new Set(["user-agent", "content-type", "accept", "content-length", "host"]);
// Contexts the SDK fills itself with machine facts; their `name` fields are not people.
const SDK_CONTEXTS = new Set([
  "os",
  "runtime",
  "browser",
  "device",
  "app",
  "culture",
  "trace",
  "cloud_resource",
]);
const MAX_DEPTH = 8;

export function scrubText(text: string): string {
  return text
    .replace(PARAMS, `params: ${REDACTED}`)
    .replace(JWT, REDACTED)
    .replace(BEARER, `$1 ${REDACTED}`)
    .replace(EMAIL, "[email]")
    .replace(QUERY_VALUE, `$1=${REDACTED}`)
    .replace(DOUBLE_QUOTED, '"…"')
    .replace(LONG_DIGITS, "[number]");
}

/** A URL without its query values and fragment; the path stays (slugs and ids, not people). */
export function scrubUrl(url: string): string {
  const hash = url.indexOf("#");
  return scrubText(hash === -1 ? url : url.slice(0, hash));
}

/** Any JSON-like value: sensitive keys go, strings are cleaned, depth is bounded. */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubText(value);
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return REDACTED;
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SENSITIVE_KEY.test(key) ? REDACTED : scrubValue(v, depth + 1);
  }
  return out;
}

function scrubRequest(request: NonNullable<Event["request"]>): Event["request"] {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (SAFE_HEADERS.has(name.toLowerCase())) headers[name] = scrubText(String(value));
  }
  return {
    method: request.method,
    url: request.url ? scrubUrl(request.url) : undefined,
    headers,
  };
}

function scrubContexts(contexts: NonNullable<Event["contexts"]>): Event["contexts"] {
  const out: Record<string, unknown> = {};
  for (const [key, ctx] of Object.entries(contexts)) {
    out[key] = SDK_CONTEXTS.has(key) ? ctx : scrubValue(ctx);
  }
  return out as Event["contexts"];
}

export function scrubBreadcrumb(crumb: Breadcrumb): Breadcrumb | null {
  const out: Breadcrumb = { ...crumb };
  // Console output may be anything the page printed: transcript lines, names.
  if (crumb.category === "console") {
    out.message = REDACTED;
    delete out.data;
    return out;
  }
  if (out.message) out.message = scrubText(out.message);
  if (out.data) {
    const data: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(out.data)) {
      if (typeof v === "string" && /^(url|from|to)$/.test(key)) data[key] = scrubUrl(v);
      else data[key] = SENSITIVE_KEY.test(key) ? REDACTED : scrubValue(v, 1);
    }
    out.data = data;
  }
  return out;
}

type Frame = NonNullable<NonNullable<Event["exception"]>["values"]>[number]["stacktrace"] & {};

function scrubFrame(frame: NonNullable<Frame["frames"]>[number]) {
  // Local variables hold whatever the code was handling: names, transcript lines.
  const out = { ...frame };
  delete out.vars;
  if (out.abs_path) out.abs_path = scrubUrl(out.abs_path);
  if (out.filename) out.filename = scrubUrl(out.filename);
  // Source lines around the frame are code, but code holds literals (fixtures, sample text).
  if (out.context_line) out.context_line = scrubText(out.context_line);
  if (out.pre_context) out.pre_context = out.pre_context.map(scrubText);
  if (out.post_context) out.post_context = out.post_context.map(scrubText);
  return out;
}

/** `beforeSend` / `beforeSendTransaction`: a copy with personal data removed. */
export function scrubEvent<T extends Event>(event: T): T {
  const out: T = { ...event };
  // Only the opaque id survives; no email, name, username or address.
  out.user = event.user?.id !== undefined ? { id: event.user.id } : undefined;
  if (!out.user) delete out.user;
  if (event.message) out.message = scrubText(event.message);
  if (event.logentry) {
    out.logentry = {
      message: event.logentry.message ? scrubText(event.logentry.message) : undefined,
    };
  }
  if (event.transaction) out.transaction = scrubUrl(event.transaction);
  if (event.request) out.request = scrubRequest(event.request);
  if (event.extra) out.extra = scrubValue(event.extra) as Event["extra"];
  if (event.contexts) out.contexts = scrubContexts(event.contexts);
  if (event.tags) out.tags = scrubValue(event.tags) as Event["tags"];
  if (event.breadcrumbs) {
    out.breadcrumbs = event.breadcrumbs.map(scrubBreadcrumb).filter((b): b is Breadcrumb => b !== null);
  }
  if (event.exception?.values) {
    out.exception = {
      ...event.exception,
      values: event.exception.values.map((ex) => ({
        ...ex,
        value: ex.value ? scrubText(ex.value) : ex.value,
        stacktrace: ex.stacktrace && {
          ...ex.stacktrace,
          frames: ex.stacktrace.frames?.map(scrubFrame),
        },
      })),
    };
  }
  return out;
}

export const scrubErrorEvent = (event: ErrorEvent): ErrorEvent => scrubEvent(event);
