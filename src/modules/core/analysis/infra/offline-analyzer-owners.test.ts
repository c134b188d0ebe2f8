import { describe, expect, it } from "vitest";
import type { AnalysisInput } from "../application/analyzer";
import { OfflineAnalyzer } from "./offline-analyzer";

/** Issue 14 defect 8: owners come from participant rows, never from a name someone typed. */
describe("offline analyzer: guest owners", () => {
  const analyze = (input: AnalysisInput) => new OfflineAnalyzer().analyze(input);

  it("never takes a guest for the member whose name they typed (issue 14): owners come from participant rows", async () => {
    const at = new Date("2026-03-10T14:00:00Z");
    // Two guests (participant rows without an account). One typed "Alice Chen", the name of a
    // member of the space who is not in the call; the other names her.
    const seg = (i: number, who: "alice" | "bob", text: string) => ({
      id: `seg-${i}`,
      participantId: who === "alice" ? "p-guest-alice" : "p-guest-bob",
      speakerName: who === "alice" ? "Alice Chen" : "Bob",
      userId: null,
      text,
      startMs: i * 1000,
      endMs: i * 1000 + 900,
      createdAt: at,
    });
    const result = await analyze({
      sessionTitle: "t",
      language: "en",
      sessionStartedAt: at,
      segments: [
        seg(0, "bob", "Alice will send the report to the board by Friday."),
        seg(1, "bob", "Next topic is the offsite."),
        seg(2, "alice", "I will book the venue for the offsite."),
      ],
      members: [{ userId: "u-alice", name: "Alice Chen", email: "alice@example.com" }],
    });
    const guestAlice = { name: "Alice Chen", participantId: "p-guest-alice", userId: null, guest: true };
    expect(result.actionItems.map((a) => [a.segmentIds[0], a.owner])).toEqual([
      ["seg-0", guestAlice],
      ["seg-2", guestAlice],
    ]);
  });
});
