import type Redis from "ioredis";
import { webEnv } from "@/lib/env/web";
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

/**
 * The client address as the nearest hop saw it: the rightmost X-Forwarded-For entry, which a load
 * balancer appends and Next itself fills from the socket when the header is absent. Leftmost
 * entries are whatever the client claimed. Without a proxy in front, a client can still send its
 * own header (Next keeps it), so production should run behind one.
 */
export function clientAddress(req: Request): string {
  const forwarded = req.headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  return forwarded || "unknown";
}

export function rateLimit(kind: RateLimitKind, key: string): Promise<void> {
  return consume(limiters(), kind, key);
}
