/**
 * Whether a request path cannot be percent-decoded (`/api/spaces/%ff`). Next's router decodes
 * dynamic segments after the proxy runs and answers such a path with a bare text 500, so the proxy
 * refuses it first.
 */
export function isMalformedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}
