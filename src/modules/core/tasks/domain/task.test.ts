import { describe, expect, it } from "vitest";
import type { ActionItem } from "@/lib/db/schema/analysis";
import { TITLE_MAX, draftsFromActionItems, dueDateToTimestamp, titleFromText } from "./task";

const SEG = "0b6f7d1e-8a4c-4f3e-9d2a-1c5b7e9f0a12";
const USER = "6a1f2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b";

describe("titleFromText", () => {
  it("collapses whitespace and keeps short text whole", () => {
    expect(titleFromText("  Send\n the   budget ")).toEqual({ title: "Send the budget", truncated: false });
  });

  it("cuts long text at a word boundary with an ellipsis, within the limit", () => {
    const { title, truncated } = titleFromText("alpha ".repeat(80));
    expect(truncated).toBe(true);
    expect(title.length).toBeLessThanOrEqual(TITLE_MAX);
    expect(title).toMatch(/alpha…$/);
  });

  it("cuts a single overlong word mid-word rather than leaving nothing", () => {
    const { title } = titleFromText("x".repeat(500));
    expect(title).toBe(`${"x".repeat(TITLE_MAX - 1)}…`);
  });
});

describe("dueDateToTimestamp", () => {
  it("keeps a calendar day as its midnight UTC", () => {
    expect(dueDateToTimestamp("2026-12-04")?.toISOString()).toBe("2026-12-04T00:00:00.000Z");
  });

  it("refuses days that do not exist and other shapes", () => {
    for (const bad of ["2026-02-30", "2026-13-01", "2026-1-5", "Friday", "", null]) {
      expect(dueDateToTimestamp(bad)).toBeNull();
    }
  });
});

describe("draftsFromActionItems", () => {
  const item = (over: Partial<ActionItem>): ActionItem => ({
    key: "k",
    text: "Do it",
    segmentIds: [],
    owner: null,
    due: null,
    ...over,
  });

  it("keeps the first item of a key, drops items without key or text, and filters ids", () => {
    const drafts = draftsFromActionItems([
      item({
        key: "a",
        segmentIds: ["seg-1", SEG],
        owner: { name: "Ann", participantId: null, userId: USER },
      }),
      item({ key: "a", text: "Second" }),
      item({ key: " ", text: "No key" }),
      item({ key: "b", text: "  " }),
      item({ key: "c", owner: { name: "Bo", participantId: null, userId: "bo" }, due: "2026-01-09" }),
    ]);
    expect(drafts.map((d) => d.key)).toEqual(["a", "c"]);
    expect(drafts[0]).toMatchObject({ title: "Do it", ownerUserId: USER, segmentIds: [SEG], dueAt: null });
    expect(drafts[1]!.ownerUserId).toBeNull();
    expect(drafts[1]!.dueAt?.toISOString()).toBe("2026-01-09T00:00:00.000Z");
  });

  it("keeps the whole text in the description when the title had to be cut", () => {
    const long = "word ".repeat(60).trim();
    const [draft] = draftsFromActionItems([item({ text: long })]);
    expect(draft!.description).toBe(long);
    expect(draftsFromActionItems([item({})])[0]!.description).toBeNull();
  });
});
