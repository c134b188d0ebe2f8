import { once } from "node:events";
import { randomBytes } from "node:crypto";
import type Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RateLimitedError } from "@/modules/core/shared/domain/errors";
import { connectRedis, consume, createRateLimiters, RATE_LIMITS } from "@/lib/rate-limit";

const url = process.env.TEST_REDIS_URL;

describe("rate limits on a real redis-server", () => {
  let a: Redis, b: Redis;
  const prefix = `rooms:test:${randomBytes(4).toString("hex")}`;

  beforeAll(async () => {
    if (!url)
      throw new Error("TEST_REDIS_URL is not set: run `npm test` (scripts/test.sh starts redis-server)");
    a = connectRedis(url);
    b = connectRedis(url);
    // Without an offline queue, commands sent before "ready" would go to the memory fallback.
    await Promise.all([a, b].map((c) => (c.status === "ready" ? undefined : once(c, "ready"))));
  });
  afterAll(async () => {
    await a.quit();
    await b.quit();
  });

  it("shares one budget across instances and answers the overflow with Retry-After", async () => {
    // Two limiter sets with separate connections stand for two web instances.
    const instance1 = createRateLimiters({ redis: a, prefix });
    const instance2 = createRateLimiters({ redis: b, prefix });
    const key = "user:shared";
    for (let i = 0; i < RATE_LIMITS.create; i++) {
      await consume(i % 2 ? instance1 : instance2, "create", key);
    }
    const err = await consume(instance1, "create", key).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterSeconds).toBeGreaterThan(0);
    expect((err as RateLimitedError).retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(await a.exists(`${prefix}:create:${key}`)).toBe(1);
    // Another kind and another client keep their own budgets.
    await expect(consume(instance2, "default", key)).resolves.toBeUndefined();
    await expect(consume(instance2, "create", "user:other")).resolves.toBeUndefined();
  });

  it("applies the spec's numbers: default 100, create 20, auth 30 per minute", async () => {
    const limiters = createRateLimiters({ redis: a, prefix: `${prefix}:n` });
    for (const kind of ["default", "create", "auth"] as const) {
      let allowed = 0;
      for (let i = 0; i < RATE_LIMITS[kind] + 5; i++) {
        try {
          await consume(limiters, kind, "ip:1.2.3.4");
          allowed++;
        } catch (e) {
          expect(e).toBeInstanceOf(RateLimitedError);
        }
      }
      expect(allowed).toBe({ default: 100, create: 20, auth: 30 }[kind]);
      expect(await a.exists(`${prefix}:n:${kind}:ip:1.2.3.4`)).toBe(1);
    }
  });
});
