import { DrizzleQueryError } from "drizzle-orm/errors";

export type LoggedError = {
  type: string;
  message: string;
  code?: string;
  sqlState?: string;
  table?: string;
  constraint?: string;
  stack?: string;
  cause?: LoggedError;
};

const MAX_CAUSES = 4;
// PostgreSQL quotes the offending value in messages such as `invalid input syntax for type
// uuid: "…"`; names of tables and constraints have their own fields.
const QUOTED = /"(?:[^"\\]|\\.)*"/g;

/**
 * What an error may put in a log: its class, code, SQLSTATE and a message without values. A
 * DrizzleQueryError's message carries the query's parameters (emails, names) and a pg error's
 * `detail` the conflicting row, so neither is copied; the stack keeps only its frames.
 */
export function describeError(err: unknown, depth = 0): LoggedError {
  if (!(err instanceof Error)) return { type: typeof err, message: "non-Error value thrown" };
  const e = err as Error & Record<string, unknown>;
  const out: LoggedError = { type: err.constructor?.name || err.name, message: "" };
  if (err instanceof DrizzleQueryError) {
    out.message = "database query failed";
  } else if (isPgError(e)) {
    out.sqlState = e.code as string;
    out.message = err.message.replace(QUOTED, '"…"');
    if (typeof e.table === "string") out.table = e.table;
    if (typeof e.constraint === "string") out.constraint = e.constraint;
  } else {
    out.message = err.message;
    if (typeof e.code === "string") out.code = e.code;
  }
  const frames = err.stack?.split("\n").filter((line) => /^\s+at /.test(line));
  if (frames?.length) out.stack = frames.join("\n");
  if (err.cause !== undefined && depth < MAX_CAUSES) out.cause = describeError(err.cause, depth + 1);
  return out;
}

/** pg's DatabaseError, told apart by shape so this module does not load the driver. */
function isPgError(e: Record<string, unknown>): boolean {
  return typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code) && typeof e.severity === "string";
}
