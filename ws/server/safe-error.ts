/**
 * What of a database error may be logged: Drizzle's query errors carry the statement's parameters
 * (transcript text) in `params` and in their message, so only the driver's cause is kept.
 */
export function safeError(err: unknown): { type: string; code?: string; message: string } {
  const e = err as {
    name?: string;
    cause?: { code?: string; message?: string };
    code?: string;
    message?: string;
  };
  const cause = e?.cause && typeof e.cause === "object" ? e.cause : null;
  if (cause || "params" in (e ?? {})) {
    return { type: e?.name ?? "Error", code: cause?.code, message: cause?.message ?? "query failed" };
  }
  return { type: e?.name ?? "Error", code: e?.code, message: e?.message ?? String(err) };
}
