import Redis from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import { RateLimitedError } from "@/modules/core/shared/domain/errors";

/** The spec's limits, per client per minute (per `RATE_WINDOWS_SECONDS` where it says otherwise). */
export const RATE_LIMITS = {
  default: 100,
  create: 20,
  auth: 30,
  // New anonymous guests per client address per session link who walk straight in (each holds a
  // seat for a minute); more from one address knock and wait in the lobby.
  guestJoin: 3,
  // Lobby knocks per client address per session link in 10 minutes: an abuse bound, far above an
  // office or classroom behind one NAT.
  guestKnock: 50,
  // Cheap status reads a waiting page repeats (who is here, the own knock, the host's lobby list):
  // many guests behind one address poll at once.
  poll: 1000,
} as const;
export type RateLimitKind = keyof typeof RATE_LIMITS;

export const RATE_WINDOWS_SECONDS: Partial<Record<RateLimitKind, number>> = { guestKnock: 600 };

export type RateLimiters = Record<RateLimitKind, RateLimiterAbstract>;

export function createRateLimiters(opts: { redis?: Redis; prefix?: string } = {}): RateLimiters {
  const prefix = opts.prefix ?? "rooms:rl";
  const make = (kind: RateLimitKind): RateLimiterAbstract => {
    const base = {
      points: RATE_LIMITS[kind],
      duration: RATE_WINDOWS_SECONDS[kind] ?? 60,
      keyPrefix: `${prefix}:${kind}`,
    };
    if (!opts.redis) return new RateLimiterMemory(base);
    // If Redis is unreachable, each instance falls back to its own memory limiter instead of failing open.
    return new RateLimiterRedis({
      ...base,
      storeClient: opts.redis,
      insuranceLimiter: new RateLimiterMemory(base),
    });
  };
  return {
    default: make("default"),
    create: make("create"),
    auth: make("auth"),
    guestJoin: make("guestJoin"),
    guestKnock: make("guestKnock"),
    poll: make("poll"),
  };
}

export function connectRedis(url: string): Redis {
  // rate-limiter-flexible asks for no offline queue so a down Redis fails fast into the insurance limiter.
  return new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
}

export async function consume(limiters: RateLimiters, kind: RateLimitKind, key: string): Promise<void> {
  try {
    await limiters[kind].consume(key);
  } catch (res) {
    // Duck-typed: the limiter may come from another bundle (instrumentation vs. route), where
    // `instanceof RateLimiterRes` is false for the very same class.
    const ms = (res as { msBeforeNext?: unknown })?.msBeforeNext;
    if (typeof ms === "number" && !(res instanceof Error)) {
      throw new RateLimitedError(Math.max(1, Math.ceil(ms / 1000)));
    }
    throw res;
  }
}
