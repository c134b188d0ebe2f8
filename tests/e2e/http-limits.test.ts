import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { readError } from "../support/contract";

/** The running server, over HTTP: limits kept in the real redis-server, and the JSON error contract. */
describe("HTTP conventions on the running server", () => {
  const baseUrl = inject("baseUrl");
  let redis: Redis;
  beforeAll(() => {
    const url = inject("redisUrl");
    if (!url) throw new Error("TEST_REDIS_URL is not set: the e2e server must run with REDIS_URL");
    redis = new Redis(url);
  });
  afterAll(() => redis?.quit());

  it("counts requests in Redis and answers the 101st in a minute with 429 + Retry-After", async () => {
    const client = `10.55.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const get = () => fetch(`${baseUrl}/api/spaces`, { headers: { "x-forwarded-for": client } });
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) statuses.push((await get()).status);
    expect(statuses.every((s) => s === 401)).toBe(true);
    expect(Number(await redis.get(`rooms:rl:default:ip:${client}`))).toBe(100);

    const limited = await get();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await readError(limited)).code).toBe("rate_limited");
  });

  it("limits the auth routes to 30 per minute per client", async () => {
    const client = `10.56.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      statuses.push(
        (await fetch(`${baseUrl}/api/auth/providers`, { headers: { "x-forwarded-for": client } })).status,
      );
    }
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it("reports database reachability on /api/health", async () => {
    const res = await fetch(`${baseUrl}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: "up" });
  });

  it("refuses anonymous writes with the error envelope before reading the body", async () => {
    const res = await fetch(`${baseUrl}/api/spaces`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": "10.57.0.1" },
      body: "{",
    });
    expect(res.status).toBe(401);
    expect((await readError(res)).code).toBe("unauthenticated");
  });
  it("answers a sign-in POST whose JSON body is not JSON with 400, and an oversized one with 413 (NextAuth alone answered 500)", async () => {
    const client = `10.57.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const post = (body: string) =>
      fetch(`${baseUrl}/api/auth/callback/dev`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": client },
        body,
      });
    for (const body of ["", "x", "{"]) {
      const res = await post(body);
      expect(res.status, `body ${JSON.stringify(body)}`).toBe(400);
      expect((await readError(res)).code).toBe("invalid_json");
    }
    const big = await post(JSON.stringify({ x: "a".repeat(64 * 1024) }));
    expect(big.status).toBe(413);
    expect((await readError(big)).code).toBe("payload_too_large");
    // NextAuth still gets well-formed posts: the CSRF route answers, and sign-in itself is covered
    // by every e2e test that signs in.
    const csrf = await fetch(`${baseUrl}/api/auth/csrf`, { headers: { "x-forwarded-for": client } });
    expect(csrf.status).toBe(200);
  });
});
