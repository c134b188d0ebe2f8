/** drizzle wraps driver errors ("Failed query: ..."); the reason (ECONNREFUSED, auth) is in `cause`. */
export function errorText(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err; e && parts.length < 5; e = (e as { cause?: unknown }).cause) {
    const msg = e instanceof Error ? e.message || (e as NodeJS.ErrnoException).code || e.name : String(e);
    parts.push(msg.split("\n")[0] ?? msg);
  }
  return parts.join(" <- ");
}
