import { request } from "node:http";
import { randomInt } from "node:crypto";
import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PEER_HEADER } from "@/server/http/client-address";
import { startAppServer, type AppServer } from "../support/next-server";
import { readError } from "../support/contract";

/** A GET from a chosen local (source) address; its status. */
function statusFrom(localAddress: string, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, { localAddress, headers: { "x-forwarded-for": "198.18.0.1" } }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    })
      .on("error", reject)
      .end();
  });
}

/** Anonymous rate limits over real HTTP against `next start`: whose address counts. */
describe("client address behind no proxy", () => {
  let server: AppServer;
  beforeAll(async () => {
    const admin = process.env.TEST_DATABASE_URL;
    if (!admin) throw new Error("TEST_DATABASE_URL is not set");
    // Its own server, explicitly trusting no proxy (the shared e2e server trusts 127.0.0.1).
    server = await startAppServer({
      admin,
      dbPrefix: "rooms_xff",
      env: { TRUSTED_PROXIES: "", TRUSTED_PROXY_HOPS: "", REDIS_URL: "" },
    });
  });
  afterAll(() => server?.stop());

  it("counts requests with different spoofed X-Forwarded-For from one socket against one limit", async () => {
    const get = (i: number) =>
      fetch(`${server.baseUrl}/api/spaces`, {
        // Every request claims another client, and tries to forge the peer stamp as well.
        headers: {
          "x-forwarded-for": `198.18.${i % 250}.${1 + (i % 200)}`,
          [PEER_HEADER]: `198.19.0.${i % 250}`,
        },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) statuses.push((await get(i)).status);
    expect(statuses.every((s) => s === 401)).toBe(true);
    const limited = await get(999);
    expect(limited.status).toBe(429);
    expect((await readError(limited)).code).toBe("rate_limited");
    // Another socket address (all of 127/8 is loopback) has a limit of its own: the key is the
    // socket, not one bucket shared by everyone.
    expect(await statusFrom("127.0.0.2", `${server.baseUrl}/api/spaces`)).toBe(401);
  });
});

describe("client address behind a trusted proxy (TRUSTED_PROXIES=127.0.0.1)", () => {
  const baseUrl = inject("baseUrl");
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(inject("redisUrl")!);
  });
  afterAll(() => redis?.quit());

  it("keys the limit on the client entry the proxy appended, not on what the client wrote", async () => {
    const client = `203.0.113.${randomInt(1, 255)}`;
    const spoofed = `198.51.100.${randomInt(1, 255)}`;
    const res = await fetch(`${baseUrl}/api/spaces`, {
      headers: { "x-forwarded-for": `${spoofed}, ${client}` },
    });
    expect(res.status).toBe(401);
    expect(Number(await redis.get(`rooms:rl:default:ip:${client}`))).toBe(1);
    expect(await redis.get(`rooms:rl:default:ip:${spoofed}`)).toBeNull();
  });
});
