import { describe, expect, it } from "vitest";
import {
  expectedActionItems,
  expectedDecisions,
  meetingInput,
  members,
  notActionItems,
  notDecisions,
  people,
} from "../../../../../tests/fixtures/meeting-15min";
import type { AnalysisInput, AnalysisResult } from "../application/analyzer";
import { dueDate } from "../domain/action-items";
import { OfflineAnalyzer } from "./offline-analyzer";

const analyze = (input: AnalysisInput = meetingInput()) => new OfflineAnalyzer().analyze(input);

function score(result: AnalysisResult) {
  let found = 0;
  let ownerRight = 0;
  let dueRight = 0;
  for (const e of expectedActionItems) {
    const item = result.actionItems.find((a) => a.segmentIds.includes(e.segmentId));
    if (!item) continue;
    found++;
    if (item.owner?.participantId === e.owner.participantId && item.owner?.userId === e.owner.userId)
      ownerRight++;
    if (item.due === e.due) dueRight++;
  }
  return { found, ownerRight, dueRight, expected: expectedActionItems.length };
}

describe("offline analyzer on the 15-minute meeting", () => {
  it("finds at least 6 of the action items with the right owner, and their due dates", async () => {
    const result = await analyze();
    const s = score(result);
    // The figure recorded in docs/benchmarks.md (`npm run bench:analyzer` prints it too).
    console.info(`offline analyzer: ${s.ownerRight}/${s.expected} action items with the right owner`);
    expect(s.expected).toBeGreaterThanOrEqual(8);
    expect(s.ownerRight).toBeGreaterThanOrEqual(6);
    expect(s.dueRight).toBeGreaterThanOrEqual(6);
  });

  it("does not take figures of speech, questions about the call or absences for action items", async () => {
    const { actionItems } = await analyze();
    for (const n of notActionItems) {
      expect(
        actionItems.filter((a) => a.segmentIds.includes(n.segmentId)).map((a) => a.text),
        n.text,
      ).toEqual([]);
    }
  });

  it("finds the decisions and not the undecided ones", async () => {
    const { decisions } = await analyze();
    const ids = decisions.flatMap((d) => d.segmentIds);
    for (const d of expectedDecisions) expect(ids, d.text).toContain(d.segmentId);
    for (const n of notDecisions) expect(ids, n.text).not.toContain(n.segmentId);
  });

  it("links every point to segments that exist", async () => {
    const input = meetingInput();
    const result = await analyze(input);
    const ids = new Set(input.segments.map((s) => s.id));
    const points = [...result.summaryPoints, ...result.keyPoints, ...result.decisions, ...result.actionItems];
    expect(result.summaryPoints.length).toBeGreaterThanOrEqual(3);
    expect(result.keyPoints.length).toBeGreaterThanOrEqual(3);
    for (const p of points) {
      expect(p.segmentIds.length).toBeGreaterThan(0);
      for (const id of p.segmentIds) expect(ids.has(id), `${p.text} → ${id}`).toBe(true);
    }
    // Points are sentences of the segments they cite.
    for (const p of result.summaryPoints) {
      const seg = input.segments.find((s) => s.id === p.segmentIds[0]);
      expect(seg?.text).toContain(p.text);
    }
    expect(result.summary).toBe(result.summaryPoints.map((p) => p.text).join(" "));
    expect(result.model).toBe("offline");
  });

  it("gives each speaker talk time, words and a share; shares sum to 1", async () => {
    const input = meetingInput();
    const { talkTime } = await analyze(input);
    expect(talkTime).toHaveLength(5);
    expect(talkTime.reduce((a, s) => a + s.share, 0)).toBeCloseTo(1, 9);
    const maria = talkTime.find((s) => s.participantId === people.maria.participantId)!;
    const mariaSegs = input.segments.filter((s) => s.participantId === people.maria.participantId);
    const seconds = mariaSegs.reduce((a, s) => a + (s.endMs! - s.startMs!) / 1000, 0);
    expect(maria.seconds).toBeCloseTo(seconds, 0);
    expect(maria.words).toBe(mariaSegs.reduce((a, s) => a + s.text.split(/\s+/).length, 0));
    expect(talkTime[0]!.participantId).toBe(people.maria.participantId);
  });

  it("estimates talk time from words when segments have no timing", async () => {
    const input = meetingInput();
    const untimed = { ...input, segments: input.segments.map((s) => ({ ...s, startMs: null, endMs: null })) };
    const { talkTime } = await analyze(untimed);
    const total = talkTime.reduce((a, s) => a + s.words, 0);
    for (const s of talkTime) expect(s.share).toBeCloseTo(s.words / total, 9);
    expect(talkTime[0]!.seconds).toBeCloseTo(talkTime[0]!.words / 2.5, 0);
  });

  it("is deterministic: a re-run (segments in any order) gives the same items and keys", async () => {
    const first = await analyze();
    const input = meetingInput();
    const shuffled = { ...input, segments: [...input.segments].reverse() };
    const second = await analyze(shuffled);
    expect(second).toEqual(first);
    const keys = first.actionItems.map((a) => a.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of keys) expect(k).toMatch(/^[0-9a-f]{24}$/);
  });

  it("resolves owners: a guest by participant, a member not in the call by user, a shared first name to the one in the call", async () => {
    const { actionItems } = await analyze();
    const owner = (p: keyof typeof people) => actionItems.filter((a) => a.owner?.name === people[p].name);
    expect(
      owner("alex").every(
        (a) => a.owner?.userId === null && a.owner?.participantId === people.alex.participantId,
      ),
    ).toBe(true);
    expect(owner("alex").length).toBeGreaterThan(0);
    expect(owner("nina").map((a) => a.owner?.userId)).toEqual([people.nina.userId]);
    const tomWright = members.find((m) => m.name === "Tom Wright")!;
    expect(actionItems.some((a) => a.owner?.userId === tomWright.userId)).toBe(false);
  });

  it("leaves the owner empty when a named person is ambiguous", async () => {
    const at = new Date("2026-03-10T14:00:00Z");
    const seg = (i: number, text: string) => ({
      id: `seg-${i}`,
      participantId: "p1",
      speakerName: "Maria Lopez",
      userId: "u1",
      text,
      startMs: i * 1000,
      endMs: i * 1000 + 900,
      createdAt: at,
    });
    const result = await analyze({
      sessionTitle: "t",
      language: "en",
      sessionStartedAt: at,
      segments: [seg(0, "Sam will prepare the budget for the offsite by Monday.")],
      members: [
        { userId: "u1", name: "Maria Lopez", email: "m@x" },
        { userId: "u2", name: "Sam Reed", email: "s1@x" },
        { userId: "u3", name: "Sam Ortiz", email: "s2@x" },
      ],
    });
    expect(result.actionItems).toHaveLength(1);
    expect(result.actionItems[0]!.owner).toBeNull();
    expect(result.actionItems[0]!.due).toBe("2026-03-16");
  });

  it("knows a member without a display name by the start of their email", async () => {
    const at = new Date("2026-03-10T14:00:00Z");
    const result = await analyze({
      sessionTitle: "t",
      language: "en",
      sessionStartedAt: at,
      segments: [
        {
          id: "s1",
          participantId: "p1",
          speakerName: "Maria Lopez",
          userId: "u1",
          text: "Nina will send the contract to the bank.",
          startMs: 0,
          endMs: 2000,
          createdAt: at,
        },
      ],
      members: [{ userId: "u9", name: "", email: "nina@example.com" }],
    });
    expect(result.actionItems.map((a) => a.owner)).toEqual([
      { name: "nina", participantId: null, userId: "u9", guest: false },
    ]);
  });

  it("gives an unnamed request to the next speaker who takes it on, not to a call check", async () => {
    const at = new Date("2026-03-10T14:00:00Z");
    const seg = (i: number, who: "m" | "t", text: string) => ({
      id: `seg-${i}`,
      participantId: who === "m" ? "pm" : "pt",
      speakerName: who === "m" ? "Maria Lopez" : "Tom Becker",
      userId: who === "m" ? "um" : "ut",
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
        seg(0, "m", "Can you see my screen?"),
        seg(1, "t", "Yes, I can see it."),
        seg(2, "m", "Could you update the rollback runbook?"),
        seg(3, "t", "Sure, will do by Thursday."),
        seg(4, "m", "Can you believe the weather?"),
        seg(5, "m", "Anyway."),
      ],
      members: [],
    });
    expect(result.actionItems).toEqual([
      expect.objectContaining({
        text: "Update the rollback runbook",
        segmentIds: ["seg-2", "seg-3"],
        owner: { name: "Tom Becker", participantId: "pt", userId: "ut", guest: false },
        due: "2026-03-12",
      }),
    ]);
  });

  it("orders segments by when they were stored, not by start_ms (an offset within each caption stream)", async () => {
    const at = new Date("2026-03-10T14:00:00Z");
    const result = await analyze({
      sessionTitle: "t",
      language: "en",
      sessionStartedAt: at,
      segments: [
        // Tom reconnected: his stream's offsets start again at 0.
        {
          id: "b",
          participantId: "pt",
          speakerName: "Tom Becker",
          userId: "ut",
          text: "Sure, will do.",
          startMs: 0,
          endMs: 800,
          createdAt: new Date(at.getTime() + 62_000),
        },
        {
          id: "a",
          participantId: "pm",
          speakerName: "Maria Lopez",
          userId: "um",
          text: "Could you update the rollback runbook?",
          startMs: 58_000,
          endMs: 60_000,
          createdAt: new Date(at.getTime() + 60_100),
        },
      ],
      members: [],
    });
    expect(result.actionItems.map((a) => [a.segmentIds, a.owner?.name])).toEqual([
      [["a", "b"], "Tom Becker"],
    ]);
  });

  it("finds Russian commitments, owners, due dates and decisions", async () => {
    const at = new Date("2026-03-10T14:00:00Z"); // a Tuesday
    const who = {
      m: { participantId: "pm", speakerName: "Мария Лопес", userId: "um" },
      d: { participantId: "pd", speakerName: "Дмитрий Иванов", userId: "ud" },
      p: { participantId: "pp", speakerName: "Прия Шах", userId: null },
    };
    const lines: [keyof typeof who, string][] = [
      ["m", "Всем привет, меня слышно?"],
      ["d", "Да, отлично слышно."],
      ["m", "Мы решили оставить цену сорок девять долларов."],
      ["m", "Про корпоративный тариф мы пока не решили."],
      ["m", "Я отправлю обновлённую презентацию до пятницы."],
      ["m", "Дмитрий подготовит план миграции биллинга завтра утром."],
      ["m", "Прия, можешь написать заметки к релизу в четверг?"],
      ["p", "Да, конечно, сделаю."],
      ["d", "Я думаю, что это хорошая идея."],
      ["m", "Задача для Дмитрия: обновить инструкцию по откату."],
      ["d", "Можете проверить отчёт о сбое?"],
      ["m", "Хорошо, посмотрю сегодня."],
      ["m", "Итак, договорились: выпускаем релиз двадцать четвёртого."],
    ];
    const result = await analyze({
      sessionTitle: "Планёрка",
      language: "ru",
      sessionStartedAt: at,
      segments: lines.map(([w, text], i) => ({
        id: `r${i}`,
        ...who[w],
        text,
        startMs: 0,
        endMs: 3000,
        createdAt: new Date(at.getTime() + (i + 1) * 4000),
      })),
      members: [
        { userId: "um", name: "Мария Лопес", email: "m@x" },
        { userId: "ud", name: "Дмитрий Иванов", email: "d@x" },
      ],
    });
    const items = result.actionItems.map((a) => [a.segmentIds[0], a.owner?.participantId ?? null, a.due]);
    expect(items).toEqual([
      ["r4", "pm", "2026-03-13"],
      ["r5", "pd", "2026-03-11"],
      ["r6", "pp", "2026-03-12"],
      // "для Дмитрия" is inflected: the item is found, its owner is not guessed.
      ["r9", null, null],
      ["r10", "pm", "2026-03-10"], // "сегодня" in the answer
    ]);
    expect(result.actionItems[2]!.segmentIds).toEqual(["r6", "r7"]);
    expect(result.decisions.map((d) => d.segmentIds[0])).toEqual(["r2", "r12"]);
  });

  it("handles an empty transcript", async () => {
    const result = await analyze({ ...meetingInput(), segments: [] });
    expect(result).toMatchObject({
      summary: "",
      summaryPoints: [],
      actionItems: [],
      decisions: [],
      talkTime: [],
    });
  });
});

describe("due dates", () => {
  const tuesday = new Date("2026-03-10T14:00:00Z");
  it.each([
    ["send it by Friday", "2026-03-13"],
    ["by next Tuesday", "2026-03-17"],
    ["tomorrow morning", "2026-03-11"],
    ["by the end of the month", "2026-03-31"],
    ["the postmortem for last week's outage by March 20", "2026-03-20"],
    ["right now", null],
    ["at three", null],
    ["the outage last week", null],
  ])("%s → %s", (text, due) => {
    expect(dueDate(text, tuesday)).toBe(due);
  });
});
