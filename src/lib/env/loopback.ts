/**
 * The dev sign-in is passwordless, so it may only ever be reachable from this machine. Shared by
 * the web env schema and the supervisor so both refuse the same configurations.
 */
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "::1", "[::1]", "localhost"]);

export function isLoopbackHost(host: string | undefined): boolean {
  return host !== undefined && LOOPBACK_HOSTS.has(host.trim().toLowerCase());
}

export function isLocalhostUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** Why the dev sign-in may not run with this bind address and public URL; null when it may. */
export function devLoginExposure(opts: { host?: string; publicUrl?: string }): string | null {
  if (!isLoopbackHost(opts.host)) {
    return `the dev sign-in (passwordless) needs a loopback bind, but HOST is ${opts.host ? `"${opts.host}"` : "unset (all interfaces)"}: set HOST=127.0.0.1, or turn it off with AUTH_DEV_LOGIN=false and configure a real sign-in provider`;
  }
  if (!isLocalhostUrl(opts.publicUrl)) {
    return `the dev sign-in (passwordless) is local-only, but NEXTAUTH_URL is "${opts.publicUrl}": use a localhost URL, or turn it off with AUTH_DEV_LOGIN=false`;
  }
  return null;
}
