import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { sessionAnalyses } from "@/lib/db/schema/analysis";
import { tasks } from "@/lib/db/schema/tasks";
import { runAnalysis } from "@/modules/core/analysis/application/run-analysis";
import { OfflineAnalyzer } from "@/modules/core/analysis/infra/offline-analyzer";
import { guestIdentity } from "@/modules/core/sessions/domain/video-session";
import { participantIdOf, writeMeeting } from "../support/analysis";
import { join, newSession, setupSpace } from "../support/sessions";
import { createLogger } from "@/lib/logger";

/**
 * Issue 14 defect 8: a guest types their display name, so it must never link their words to the
 * member who has that name. The analysis runs on the real tables; the tasks it makes are read back.
 */
describe("action-item owners from participant rows, not typed names", () => {
  it("a guest named like a member gets no task assigned to that member; the owner is labelled a guest", async () => {
    const ctx = await setupSpace(); // ctx.member is "Max Member", not in this call
    const session = await newSession(ctx.host, ctx.spaceId, { allowGuests: true });
    const guestIdOf = async (displayName: string) => {
      const res = await join(session.slug, { displayName });
      expect(res.status).toBe(200);
      // rooms-guest=<id>.<signature>
      const id = /rooms-guest=([^.;]+)\./.exec(res.headers.get("set-cookie") ?? "")?.[1];
      return participantIdOf(getDb(), session.id, guestIdentity(id!));
    };
    const maxGuest = await guestIdOf("Max Member");
    const gus = await guestIdOf("Gus Guest");
    await writeMeeting(getDb(), session.id, [
      { participantId: maxGuest, text: "I will send the budget to the board by Friday." },
      { participantId: gus, text: "Next topic is the offsite." },
      { participantId: gus, text: "Max will book the venue for the offsite." },
    ]);
    await getDb().insert(sessionAnalyses).values({ videoSessionId: session.id });

    const outcome = await runAnalysis(
      getDb(),
      { analyzer: new OfflineAnalyzer(), log: createLogger("test", "silent") },
      { sessionId: session.id, finalAttempt: true },
    );
    expect(outcome).toBe("done");

    // Neither task goes to the member Max, whose name the guest typed.
    const made = await getDb().select().from(tasks).where(eq(tasks.videoSessionId, session.id));
    expect(made).toHaveLength(2);
    expect(made.map((t) => t.assigneeUserId)).toEqual([null, null]);
    const [analysis] = await getDb()
      .select()
      .from(sessionAnalyses)
      .where(eq(sessionAnalyses.videoSessionId, session.id));
    const owners = analysis!.actionItems!.map((a) => a.owner);
    expect(owners).toHaveLength(2);
    for (const owner of owners)
      expect(owner).toEqual({ name: "Max Member", participantId: maxGuest, userId: null, guest: true });
  });
});
