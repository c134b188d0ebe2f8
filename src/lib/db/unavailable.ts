import { ServiceUnavailableError } from "@/modules/core/shared/domain/errors";

// Socket-level failures reaching the database server.
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
]);
// PostgreSQL SQLSTATEs: 08 connection exceptions, 57P01-03 shutdown / cannot connect now,
// 57014 a statement cancelled by statement_timeout, 53300 too many connections.
const SQLSTATE = /^(08...|57P0[123]|57014|53300)$/;
// node-postgres and pg-pool report their own timeouts and lost connections only in the message.
const MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /connection terminated/i,
  /query read timeout/i,
  /connection timeout/i,
  /Client has encountered a connection error/i,
];

function isUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string" && (NETWORK_CODES.has(code) || SQLSTATE.test(code))) return true;
  if (err instanceof AggregateError && err.errors.some(isUnavailable)) return true;
  return MESSAGES.some((m) => m.test(err.message));
}

/**
 * The database could not be reached or did not answer in time: a 503 the client may retry, not a
 * 500 bug. Drizzle wraps driver errors (`cause`), so the chain is walked. Null for anything else.
 */
export function databaseUnavailable(err: unknown): ServiceUnavailableError | null {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as Error).cause, depth++) {
    if (e instanceof ServiceUnavailableError) return null;
    // An HTTP call (media server, providers) failing on its socket is not the database.
    if (e instanceof TypeError && e.message === "fetch failed") return null;
    if (isUnavailable(e)) {
      return new ServiceUnavailableError(
        "database_unavailable",
        "The database is not reachable right now. Try again in a moment.",
        { internal: `database unavailable: ${(e as Error).message}`, cause: err },
      );
    }
  }
  return null;
}
