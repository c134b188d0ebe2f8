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

const PER_MINUTE = 3;

describe.skipIf(!pocketSphinxInstalled())(
  "caption stream opens per participant, across two ws instances",
  () => {
    let redisA: Redis, redisB: Redis;
    let a: Awaited<ReturnType<typeof startTestWsServer>>;
    let b: Awaited<ReturnType<typeof startTestWsServer>>;
    let ctx: Awaited<ReturnType<typeof setupSpace>>;

    beforeAll(async () => {
      const url = process.env.TEST_REDIS_URL;
      if (!url)
        throw new Error("TEST_REDIS_URL is not set: run `npm test` (scripts/test.sh starts redis-server)");
      redisA = connectRedis(url);
      redisB = connectRedis(url);
      await Promise.all([redisA, redisB].map((c) => (c.status === "ready" ? undefined : once(c, "ready"))));
      a = await startTestWsServer({ redis: redisA, streamOpensPerMinute: PER_MINUTE });
      b = await startTestWsServer({ redis: redisB, streamOpensPerMinute: PER_MINUTE, secret: a.secret });
      ctx = await setupSpace();
    });
    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      await Promise.all([redisA?.quit(), redisB?.quit()]);
    });

    it("counts one participant's opens on both instances together and refuses the one over with 4015", async () => {
      const speaker = await joinedSpeaker(ctx.host, ctx.spaceId, ctx.member);
      const token = tokenFor(a.secret, speaker);
      // Two opens on A, one on B: the minute's three, wherever they landed.
      for (const url of [a.server.url, a.server.url, b.server.url]) {
        const c = await Client.ready(url, token);
        c.close();
        await c.closed;
      }
      for (const url of [a.server.url, b.server.url]) {
        const refused = await Client.connect(url);
        refused.sendJson({ type: "auth", token });
        expect((await refused.closed).code).toBe(CLOSE.STREAM_OPENS_EXCEEDED.code);
        expect(refused.messages.some((m) => m.type === "ready")).toBe(false);
      }

      // Someone else in the same call is counted on their own.
      const other = await joinedSpeaker(ctx.host, ctx.spaceId, ctx.host);
      const c = await Client.ready(b.server.url, tokenFor(a.secret, other));
      expect(c.isOpen).toBe(true);
      c.close();
      await c.closed;
    });
  },
);
