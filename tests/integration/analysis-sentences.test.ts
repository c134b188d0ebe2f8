import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { sessionAnalyses } from "@/lib/db/schema/analysis";
import { runAnalysis } from "@/modules/core/analysis/application/run-analysis";
import { OfflineAnalyzer } from "@/modules/core/analysis/infra/offline-analyzer";
import { userIdentity } from "@/modules/core/sessions/domain/video-session";
import { participantIdOf, writeMeeting } from "../support/analysis";
import { join, newSession, setupSpace } from "../support/sessions";
import { createLogger } from "@/lib/logger";

/**
 * Issue 18 item 14: recognizers write lower case without full stops; the analysis stores its
 * summary, key points and decisions as sentences whichever analyzer wrote them.
 */
describe("the stored analysis reads as sentences", () => {
  it("capitalises and punctuates what the offline analyzer took from raw recognizer text", async () => {
    const ctx = await setupSpace();
    const session = await newSession(ctx.host, ctx.spaceId);
    expect((await join(session.slug, { user: ctx.host })).status).toBe(200);
    const host = await participantIdOf(getDb(), session.id, userIdentity(ctx.host.id));
    await writeMeeting(getDb(), session.id, [
      { participantId: host, text: "good morning everyone let's review the launch plan for the mobile app" },
      { participantId: host, text: "we decided to ship the release on march third" },
      { participantId: host, text: "the crash rate on older phones is still too high" },
      { participantId: host, text: "marketing needs the screenshots before the launch" },
    ]);
    await getDb().insert(sessionAnalyses).values({ videoSessionId: session.id });
    const outcome = await runAnalysis(
      getDb(),
      { analyzer: new OfflineAnalyzer(), log: createLogger("test", "silent") },
      { sessionId: session.id, finalAttempt: true },
    );
    expect(outcome).toBe("done");
    const [stored] = await getDb()
      .select()
      .from(sessionAnalyses)
      .where(eq(sessionAnalyses.videoSessionId, session.id));
    const points = [...stored!.summaryPoints!, ...stored!.keyPoints!, ...stored!.decisions!];
    expect(points.length).toBeGreaterThan(0);
    for (const p of points) expect(p.text).toMatch(/^[A-Z].*\.$/);
    expect(stored!.decisions!.map((d) => d.text)).toContain("We decided to ship the release on march third.");
    expect(stored!.summary).toMatch(/^[A-Z][^]*\.$/);
  });
});
