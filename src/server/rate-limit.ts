import { consume, type RateLimitKind } from "@/lib/rate-limit";
import { clientAddressOf } from "@/server/http/client-address";
import { log } from "@/server/logger";
import { deps } from "./deps";

/**
 * The client address to key anonymous limits on: the socket peer, or what trusted proxies
 * (TRUSTED_PROXIES / TRUSTED_PROXY_HOPS) say in X-Forwarded-For. A client's own header counts
 * for nothing without them.
 */
export function clientAddress(req: Request): string {
  return clientAddressOf(req, deps().trustProxy, () =>
    log().warn("no peer address on requests (instrumentation did not run): anonymous limits are shared"),
  );
}

export function rateLimit(kind: RateLimitKind, key: string): Promise<void> {
  return consume(deps().limiters, kind, key);
}
