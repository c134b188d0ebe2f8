/**
 * Where to go after signing in: a path on `origin`, never anywhere else. The browser's URL parser
 * is the judge, so tricks that a prefix check misses (`/\evil`, a tab in `/%09/evil`, `/.//evil`)
 * resolve here exactly as `location.assign` would resolve them. Anything off-origin becomes "/".
 * Used by the sign-in page, the dev sign-in form and NextAuth's redirect callback.
 */
export function safeCallbackPath(value: unknown, origin: string): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== "string" || raw === "") return "/";
  let base: URL;
  let target: URL;
  try {
    base = new URL(origin);
    target = new URL(raw, base);
  } catch {
    return "/";
  }
  if (target.origin !== base.origin) return "/";
  // A path that starts with two slashes would be read as another host when used relatively.
  const path = `/${target.pathname.replace(/^[/\\]+/, "")}${target.search}${target.hash}`;
  return new URL(path, base).origin === base.origin ? path : "/";
}
