import type Redis from "ioredis";
import { webEnv } from "@/lib/env/web";
import { clientAddressOf, compileTrust, type TrustFn } from "@/server/http/client-address";
import { log } from "@/server/logger";
import {
  connectRedis,
  consume,
  createRateLimiters,
  type RateLimiters,
  type RateLimitKind,
} from "@/lib/rate-limit";

const holder = globalThis as unknown as { __roomsLimiters?: RateLimiters; __roomsRedis?: Redis };

/** Called at server start so Redis is connected before the first request needs it. */
export function limiters(): RateLimiters {
  if (!holder.__roomsLimiters) {
    const url = webEnv().REDIS_URL;
    holder.__roomsRedis = url ? connectRedis(url) : undefined;
    holder.__roomsLimiters = createRateLimiters({ redis: holder.__roomsRedis });
  }
  return holder.__roomsLimiters;
}

/** The Redis connection the limits use, for the health check; undefined without REDIS_URL. */
export function redisClient(): Redis | undefined {
  limiters();
  return holder.__roomsRedis;
}

let trust: { key: string; fn: TrustFn } | undefined;

/**
 * The client address to key anonymous limits on: the socket peer, or what trusted proxies
 * (TRUSTED_PROXIES / TRUSTED_PROXY_HOPS) say in X-Forwarded-For. A client's own header counts
 * for nothing without them.
 */
export function clientAddress(req: Request): string {
  const env = webEnv();
  const key = `${env.TRUSTED_PROXIES?.join(",")}|${env.TRUSTED_PROXY_HOPS}`;
  if (trust?.key !== key) {
    trust = { key, fn: compileTrust({ proxies: env.TRUSTED_PROXIES, hops: env.TRUSTED_PROXY_HOPS }) };
  }
  return clientAddressOf(req, trust.fn, () =>
    log().warn("no peer address on requests (instrumentation did not run): anonymous limits are shared"),
  );
}

export function rateLimit(kind: RateLimitKind, key: string): Promise<void> {
  return consume(limiters(), kind, key);
}
