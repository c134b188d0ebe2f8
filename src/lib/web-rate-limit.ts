import { webEnv } from "@/lib/env/web";
import {
  connectRedis,
  consume,
  createRateLimiters,
  type RateLimiters,
  type RateLimitKind,
} from "@/lib/rate-limit";

const holder = globalThis as unknown as { __roomsLimiters?: RateLimiters };

function limiters(): RateLimiters {
  if (!holder.__roomsLimiters) {
    const url = webEnv().REDIS_URL;
    holder.__roomsLimiters = createRateLimiters({ redis: url ? connectRedis(url) : undefined });
  }
  return holder.__roomsLimiters;
}

/** The client address as the nearest proxy (or Next's own server) reported it. */
export function clientAddress(req: Request): string {
  const forwarded = req.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || req.headers.get("x-real-ip") || "unknown";
}

export function rateLimit(kind: RateLimitKind, key: string): Promise<void> {
  return consume(limiters(), kind, key);
}
