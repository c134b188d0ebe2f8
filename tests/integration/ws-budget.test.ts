import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { CLOSE } from "@/modules/core/captions/domain/close-codes";
import { budgetsOfSpace, setSpaceBudget } from "@/modules/core/usage/infra/budget-repository";
import { upsertUsage } from "@/modules/core/usage/infra/usage-repository";
import { setupSpace } from "../support/sessions";
import { TranscriptionTestClient as Client, streamPcm } from "../support/transcription-client";
import { joinedSpeaker, meetingPcm, tokenFor, type Speaker } from "../support/transcription-fixtures";
import { pocketSphinxInstalled } from "../support/ws-process";
import { startTestWsServer } from "../support/ws-test-server";

/** A space with a budget, `spentUsd` already metered this month, and a host and a member in a live call. */
async function spaceWithSpend(budgetUsd: number | null, spentUsd: number) {
  const ctx = await setupSpace();
  const host = await joinedSpeaker(ctx.host, ctx.spaceId, ctx.host);
  const member = await joinedSpeaker(ctx.host, ctx.spaceId, ctx.member);
  await setSpaceBudget(getDb(), ctx.spaceId, budgetUsd);
  if (spentUsd > 0) await spend(host, spentUsd);
  return { ...ctx, host, member };
}

/** A finished stream of `speaker`'s that cost `costUsd`, as a ws instance would have metered it. */
const spend = (speaker: Speaker, costUsd: number) =>
  upsertUsage(getDb(), [
    {
      streamId: randomUUID(),
      videoSessionId: speaker.sessionId,
      participantId: speaker.participantId,
      userId: null,
      provider: "pocketsphinx",
      audioSeconds: 60,
      billedSeconds: 60,
      costUsd,
    },
  ]);

const budgetWarnings = (c: Client) =>
  c.messages.filter((m) => m.type === "warning" && m.code === "budget_warning");

describe.skipIf(!pocketSphinxInstalled())("ws server: the space's transcription budget", () => {
  let t: Awaited<ReturnType<typeof startTestWsServer>>;
  const open: Client[] = [];
  const ready = async (speaker: Speaker) => {
    const c = await Client.ready(t.server.url, tokenFor(t.secret, speaker));
    open.push(c);
    return c;
  };

  beforeAll(async () => {
    t = await startTestWsServer();
  });
  afterAll(async () => {
    for (const c of open) c.close();
    await t.stop();
  });

  it("refuses a new stream in a space at 100 % with the documented close code and reason", async () => {
    const s = await spaceWithSpend(1, 1.2);
    const c = await Client.connect(t.server.url);
    c.sendJson({ type: "auth", token: tokenFor(t.secret, s.member) });
    const closed = await c.closed;
    expect(closed.code).toBe(CLOSE.BUDGET_EXHAUSTED.code);
    expect(c.messages).toContainEqual({
      type: "unavailable",
      code: "budget_used_up",
      reason: "Transcription budget for this space is used up",
    });
    expect(c.messages.some((m) => m.type === "ready")).toBe(false);
  });

  it("treats a budget of zero as used up", async () => {
    const s = await spaceWithSpend(0, 0);
    const c = await Client.connect(t.server.url);
    c.sendJson({ type: "auth", token: tokenFor(t.secret, s.host) });
    expect((await c.closed).code).toBe(CLOSE.BUDGET_EXHAUSTED.code);
  });

  it("under 80 % (and without a budget) streams open and nobody is warned", async () => {
    const under = await spaceWithSpend(10, 7.9);
    const none = await spaceWithSpend(null, 500);
    const clients = [await ready(under.host), await ready(none.host)];
    // Past one re-check of running streams.
    await new Promise((r) => setTimeout(r, 2_500));
    for (const c of clients) {
      expect(c.isOpen).toBe(true);
      expect(budgetWarnings(c)).toEqual([]);
    }
  });

  it("at 80 % the host is warned once at stream start; a guest is not", async () => {
    const s = await spaceWithSpend(10, 8);
    const host = await ready(s.host);
    const member = await ready(s.member);
    await host.waitFor((m) => m.type === "warning" && m.code === "budget_warning");
    await new Promise((r) => setTimeout(r, 2_500));
    expect(budgetWarnings(host)).toHaveLength(1);
    expect(budgetWarnings(member)).toEqual([]);
    expect(host.isOpen && member.isOpen).toBe(true);
  });

  it("running streams are warned at 80 % and stopped at 100 % as the spend grows", async () => {
    const s = await spaceWithSpend(10, 5);
    const host = await ready(s.host);
    const member = await ready(s.member);
    await spend(s.member, 3.5);
    await host.waitFor((m) => m.type === "warning" && m.code === "budget_warning");
    expect(member.isOpen).toBe(true);
    await spend(s.member, 1.5);
    const [h, m] = await Promise.all([host.closed, member.closed]);
    expect([h.code, m.code]).toEqual([CLOSE.BUDGET_EXHAUSTED.code, CLOSE.BUDGET_EXHAUSTED.code]);
    expect(member.messages).toContainEqual({
      type: "unavailable",
      code: "budget_used_up",
      reason: "Transcription budget for this space is used up",
    });
  });

  it("spend of earlier months does not count", async () => {
    const s = await spaceWithSpend(1, 0);
    await spend(s.host, 5);
    await getDb().execute(
      `update transcription_usage set created_at = date_trunc('month', now()) - interval '1 second' where video_session_id = '${s.host.sessionId}'`,
    );
    const c = await ready(s.member);
    expect(c.isOpen).toBe(true);
  });

  describe("across two ws instances on one PostgreSQL", () => {
    let other: Awaited<ReturnType<typeof startTestWsServer>>;
    beforeAll(async () => {
      other = await startTestWsServer({ secret: t.secret });
    });
    afterAll(() => other.stop());

    it("audio metered by one instance stops the space's streams on the other and refuses new ones there", async () => {
      // $0.02 at the test price of $0.50 a minute: 2.4 s of billed audio.
      const s = await spaceWithSpend(0.02, 0);
      const speech = meetingPcm();
      const talker = await ready(s.member);
      const c = await Client.ready(other.server.url, tokenFor(other.secret, s.host));
      open.push(c);
      void streamPcm(talker, speech.pcm, { speed: 2 });
      // Instance 1's meter writes the spend; instance 2 reads it from PostgreSQL and stops its stream.
      expect((await c.closed).code).toBe(CLOSE.BUDGET_EXHAUSTED.code);
      expect((await talker.closed).code).toBe(CLOSE.BUDGET_EXHAUSTED.code);
      const late = await Client.connect(other.server.url);
      late.sendJson({ type: "auth", token: tokenFor(other.secret, s.member) });
      expect((await late.closed).code).toBe(CLOSE.BUDGET_EXHAUSTED.code);
      // Past the budget by at most one meter interval plus one re-check of one stream's audio
      // (streamed here at twice real time): (5 s + 2 s) × 2 × $0.50/min ≈ $0.12.
      // The closed stream's final totals are written at its end.
      await new Promise((r) => setTimeout(r, 500));
      const spent = (await budgetsOfSpace(getDb(), s.spaceId))!.spentUsd;
      expect(spent).toBeGreaterThanOrEqual(0.02);
      expect(spent).toBeLessThan(0.02 + 0.12);
    });
  });
});
