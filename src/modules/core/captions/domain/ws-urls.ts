/**
 * Which ws instance a client talks to when several are configured. The web app rotates the list so
 * it starts at a pick stable per participant (a reconnect lands on the same instance, and clients
 * spread over instances); the browser walks the rotated list when an instance dies.
 */

/** FNV-1a: a small, stable string hash; it only spreads participants over instances. */
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** `urls` rotated to start at the instance picked for `key`; the rest follow as fallbacks in order. */
export function orderWsUrls(urls: readonly string[], key: string): string[] {
  if (urls.length === 0) return [];
  const start = hash(key) % urls.length;
  return [...urls.slice(start), ...urls.slice(0, start)];
}

/**
 * The URL for a connection attempt after `failovers` instance failures: the picked `url` first, then
 * the alternatives in order, wrapping around (a restarted instance gets tried again).
 */
export function failoverUrl(url: string, urls: readonly string[] | undefined, failovers: number): string {
  const list = urls && urls.length > 0 ? (urls.includes(url) ? [...urls] : [url, ...urls]) : [url];
  const start = list.indexOf(url);
  return list[(start + failovers) % list.length] ?? url;
}
