import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { deps } from "@/server/deps";
import { sessionAnalyses } from "@/lib/db/schema/analysis";
import { recordings } from "@/lib/db/schema/recordings";
import { participants, videoSessions } from "@/lib/db/schema/sessions";
import { endSessionEndpoint } from "@/modules/core/sessions/api/session-endpoints";
import { liveKitWebhookEndpoint } from "@/modules/core/sessions/api/webhook-endpoint";
import { sweepIdleSessions } from "@/modules/core/sessions/application/sweep-idle-sessions";
import { call } from "../support/api";
import { signedWebhook } from "../support/livekit-webhook";
import { join, liveKitRooms, newSession, sessionRow, setupSpace } from "../support/sessions";

// Ending a session fans out the same way whoever ends it (sessions/application/session-ended.ts):
// its recording is asked to stop, its analysis is recorded PENDING, and its room is closed.
describe("sessionEnded, through each of its callers", () => {
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  beforeAll(async () => {
    ctx = await setupSpace();
  });

  /** A session with a LiveKit room and a recording in progress. */
  async function recordedCall() {
    const s = await newSession(ctx.host, ctx.spaceId);
    expect((await join(s.slug, { user: ctx.host })).status).toBe(200);
    const [rec] = await deps()
      .db.insert(recordings)
      .values({ videoSessionId: s.id, recorder: "LOCAL", status: "RECORDING", startedAt: new Date() })
      .returning();
    return { s, recordingId: rec!.id };
  }

  async function expectFannedOut(sessionId: string, recordingId: string) {
    expect((await sessionRow(sessionId)).status).toBe("ENDED");
    const [rec] = await deps().db.select().from(recordings).where(eq(recordings.id, recordingId));
    expect(rec!.stopRequestedAt).not.toBeNull();
    const analyses = await deps()
      .db.select()
      .from(sessionAnalyses)
      .where(eq(sessionAnalyses.videoSessionId, sessionId));
    expect(analyses.map((a) => a.status)).toEqual(["PENDING"]);
  }

  const roomExists = async (id: string) => (await liveKitRooms().listRooms([id])).length === 1;

  it("the host ending it", async () => {
    const { s, recordingId } = await recordedCall();
    expect(await roomExists(s.id)).toBe(true);
    const res = await call(endSessionEndpoint, { user: ctx.host, method: "POST", params: { slug: s.slug } });
    expect(res.status).toBe(200);
    await expectFannedOut(s.id, recordingId);
    expect(await roomExists(s.id)).toBe(false);
  });

  it("the media server's room_finished", async () => {
    const { s, recordingId } = await recordedCall();
    const hook = await signedWebhook({ event: "room_finished", room: { name: s.id } });
    const res = await call(liveKitWebhookEndpoint as never, {
      body: hook.body,
      headers: { "content-type": "application/webhook+json", authorization: hook.authorization },
    });
    expect(res.json).toEqual({ outcome: "applied" });
    await expectFannedOut(s.id, recordingId);
  });

  it("the idle sweep", async () => {
    const { s, recordingId } = await recordedCall();
    await deps()
      .db.update(videoSessions)
      .set({ status: "LIVE", lastActivityAt: new Date(Date.now() - 3_600_000) })
      .where(eq(videoSessions.id, s.id));
    await deps()
      .db.update(participants)
      .set({ leftAt: new Date() })
      .where(eq(participants.videoSessionId, s.id));
    expect(await sweepIdleSessions(deps(), { idleMs: 60_000 })).toContain(s.id);
    await expectFannedOut(s.id, recordingId);
    expect(await roomExists(s.id)).toBe(false);
  });
});
