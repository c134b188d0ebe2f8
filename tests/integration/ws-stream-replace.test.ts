import { once } from "node:events";
import type Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectRedis } from "@/lib/rate-limit";
import { CLOSE } from "@/modules/core/captions/domain/close-codes";
import { setupSpace } from "../support/sessions";
import { TranscriptionTestClient as Client } from "../support/transcription-client";
import { joinedSpeaker, tokenFor } from "../support/transcription-fixtures";
import { pocketSphinxInstalled } from "../support/ws-process";
import { startTestWsServer } from "../support/ws-test-server";

/**
 * Issue 14, defect 4: one token opened 20 live streams. Now a participant has one live caption
 * stream: a newer one (another tab, another device, on any instance) replaces the older, which is
 * closed with REPLACED (4017, not retried by the browser).
 */
describe.skipIf(!pocketSphinxInstalled())("one live caption stream per participant", () => {
  let redisA: Redis, redisB: Redis;
  let a: Awaited<ReturnType<typeof startTestWsServer>>;
  let b: Awaited<ReturnType<typeof startTestWsServer>>;
  let ctx: Awaited<ReturnType<typeof setupSpace>>;

  beforeAll(async () => {
    const url = process.env.TEST_REDIS_URL;
    if (!url) throw new Error('TEST_REDIS_URL is not set: run `eval "$(bash scripts/services.sh start)"`');
    redisA = connectRedis(url);
    redisB = connectRedis(url);
    await Promise.all([redisA, redisB].map((c) => (c.status === "ready" ? undefined : once(c, "ready"))));
    a = await startTestWsServer({ redis: redisA, streamOpensPerMinute: 100 });
    b = await startTestWsServer({ redis: redisB, streamOpensPerMinute: 100, secret: a.secret });
    ctx = await setupSpace();
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await Promise.all([redisA?.quit(), redisB?.quit()]);
  });

  /** Still served: a control message is answered. */
  const expectLive = async (c: Client) => {
    c.sendJson({ type: "pause" });
    await c.waitFor((m) => m.type === "paused");
    expect(c.isOpen).toBe(true);
  };

  it("a second socket on the same instance replaces the first, which is closed with REPLACED", async () => {
    const speaker = await joinedSpeaker(ctx.host, ctx.spaceId, ctx.member);
    const token = tokenFor(a.secret, speaker);
    const first = await Client.ready(a.server.url, token);
    const second = await Client.ready(a.server.url, token);
    expect(await first.closed).toEqual({ code: CLOSE.REPLACED.code, reason: CLOSE.REPLACED.reason });
    await expectLive(second);

    // Someone else in the call keeps their own stream.
    const other = await joinedSpeaker(ctx.host, ctx.spaceId, ctx.host);
    const theirs = await Client.ready(a.server.url, tokenFor(a.secret, other));
    await expectLive(second);
    await expectLive(theirs);
    for (const c of [second, theirs]) c.close();
  });

  it("25 sockets on one token leave exactly one live stream", async () => {
    const speaker = await joinedSpeaker(ctx.host, ctx.spaceId, ctx.member);
    const token = tokenFor(a.secret, speaker);
    const clients = await Promise.all(Array.from({ length: 25 }, () => Client.ready(a.server.url, token)));
    await clients[0]!.waitUntil(() => clients.filter((c) => c.isOpen).length === 1, 20_000);
    const closes = await Promise.all(clients.filter((c) => !c.isOpen).map((c) => c.closed));
    expect(closes.every((c) => c.code === CLOSE.REPLACED.code)).toBe(true);
    const survivor = clients.find((c) => c.isOpen)!;
    await expectLive(survivor);
    survivor.close();
  });

  it("a newer socket on another instance replaces the older one (shared through Redis)", async () => {
    const speaker = await joinedSpeaker(ctx.host, ctx.spaceId, ctx.member);
    const token = tokenFor(a.secret, speaker);
    const onA = await Client.ready(a.server.url, token);
    const onB = await Client.ready(b.server.url, token);
    expect((await onA.closed).code).toBe(CLOSE.REPLACED.code);
    await expectLive(onB);
    onB.close();
  });
});
