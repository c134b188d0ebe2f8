import type Redis from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";

/**
 * How many caption streams one participant may open per minute, counted across every ws instance
 * when they share Redis. Each stream opens a provider session (billed by the started minute at some
 * providers) and a metering row, so a client stuck in a reconnect loop, or a token replayed from
 * many sockets, must not open them without bound — and switching instances must not reset the count.
 */
export type StreamOpenLimiter = {
  /** false when this participant has used up the minute's opens. */
  take(participantId: string): Promise<boolean>;
};

export function createStreamOpenLimiter(opts: { perMinute: number; redis?: Redis }): StreamOpenLimiter {
  const base = { points: opts.perMinute, duration: 60, keyPrefix: "rooms:rl:caption-stream" };
  const limiter: RateLimiterAbstract = opts.redis
    ? new RateLimiterRedis({
        ...base,
        storeClient: opts.redis,
        // A Redis outage falls back to a per-instance count rather than opening the gate.
        insuranceLimiter: new RateLimiterMemory(base),
      })
    : new RateLimiterMemory(base);
  return {
    async take(participantId) {
      try {
        await limiter.consume(participantId);
        return true;
      } catch (res) {
        if (res instanceof Error) throw res;
        return false;
      }
    },
  };
}
