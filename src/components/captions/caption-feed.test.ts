import { describe, expect, it } from "vitest";
import {
  fromStored,
  fromStreams,
  groupBySpeaker,
  mergeCaptions,
  overlayLines,
  type CaptionLine,
} from "./caption-feed";
import { lineKey, type LiveText } from "./live-text";

const stream = (
  sender: { identity: string; name: string },
  segmentId: string,
  text: string,
  final: boolean,
  receivedAt: number,
): LiveText => ({ key: lineKey(sender.identity, segmentId), sender, segmentId, text, final, receivedAt });

const line = (id: string, at: number, extra: Partial<CaptionLine> = {}): CaptionLine => ({
  key: lineKey(extra.speakerIdentity ?? "user-a", id),
  id,
  speakerIdentity: "user-a",
  speakerName: "Ann",
  text: `text ${id}`,
  final: true,
  at,
  updatedAt: at,
  local: false,
  ...extra,
});

describe("caption feed", () => {
  it("maps stored segments and live text streams to lines with speaker names", () => {
    const stored = fromStored(
      [
        {
          utteranceId: "u1",
          text: "hello",
          speakerIdentity: "user-me",
          speakerName: "Me",
          createdAt: "1970-01-01T00:00:01.000Z",
        },
      ],
      "user-me",
    );
    expect(stored).toEqual([
      {
        key: lineKey("user-me", "u1"),
        id: "u1",
        speakerIdentity: "user-me",
        speakerName: "Me",
        text: "hello",
        final: true,
        at: 1000,
        updatedAt: 1000,
        local: true,
      },
    ]);
    const live = fromStreams(
      [stream({ identity: "user-b", name: "Bob" }, "u2", "good morn", false, 2000)],
      "user-me",
    );
    expect(live).toEqual([
      {
        key: lineKey("user-b", "u2"),
        id: "u2",
        speakerIdentity: "user-b",
        speakerName: "Bob",
        text: "good morn",
        final: false,
        at: 2000,
        updatedAt: 2000,
        local: false,
      },
    ]);
  });

  it("shows a final once whether it came from the database, the room or both, and keeps a line's place as it grows", () => {
    const seen = new Map<string, number>();
    const first = mergeCaptions(seen, [line("a", 1000)], [line("b", 2000, { final: false, text: "good" })]);
    expect(first.map((l) => l.id)).toEqual(["a", "b"]);
    // The partial grows in a later stream (newer timestamp) and a third line starts in between.
    const later = mergeCaptions(
      seen,
      [line("a", 1000)],
      [line("c", 2500), line("b", 3000, { final: true, text: "good morning" }), line("a", 5000)],
    );
    expect(later.map((l) => [l.id, l.text, l.at])).toEqual([
      ["a", "text a", 1000],
      ["b", "good morning", 2000],
      ["c", "text c", 2500],
    ]);
    expect(later.find((l) => l.id === "b")!.updatedAt).toBe(3000);
  });

  it("keeps two speakers' lines apart when they share a segment id, each under its own name", () => {
    const host = { identity: "user-host", name: "Hana Host" };
    const guest = { identity: "guest-x", name: "Gus Guest" };
    const merged = mergeCaptions(
      new Map(),
      fromStreams([stream(host, "u1", "the budget is approved", true, 1000)], "user-me"),
      fromStreams([stream(guest, "u1", "the budget is cancelled", true, 2000)], "user-me"),
    );
    expect(merged.map((l) => [l.speakerName, l.text])).toEqual([
      ["Hana Host", "the budget is approved"],
      ["Gus Guest", "the budget is cancelled"],
    ]);
  });

  it("never lets a late partial overwrite a final, and drops empty partials", () => {
    const merged = mergeCaptions(
      new Map(),
      [line("a", 1, { text: "final words" })],
      [line("a", 2, { final: false, text: "final wor" }), line("e", 3, { final: false, text: "  " })],
    );
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ text: "final words", final: true });
  });

  it("puts the newest recent lines on the overlay and ages them off", () => {
    const lines = [
      line("a", 0),
      line("b", 5000),
      line("c", 6000),
      line("d", 7000),
      line("p", 1000, { final: false }),
    ];
    expect(overlayLines(lines, 9000).map((l) => l.id)).toEqual(["c", "d", "p"]);
    expect(overlayLines(lines, 14_500).map((l) => l.id)).toEqual(["d", "p"]);
    expect(overlayLines(lines, 30_000)).toEqual([]);
  });
});

describe("grouping by speaker", () => {
  it("puts consecutive lines of one speaker under one name, by identity rather than name", () => {
    const bob = { speakerIdentity: "user-b", speakerName: "Bob" };
    const otherAnn = { speakerIdentity: "guest-x", speakerName: "Ann" };
    const groups = groupBySpeaker([
      line("1", 1),
      line("2", 2),
      line("3", 3, bob),
      line("4", 4),
      line("5", 5, otherAnn),
      line("6", 6, otherAnn),
    ]);
    expect(groups.map((g) => [g.speakerName, g.lines.map((l) => l.id)])).toEqual([
      ["Ann", ["1", "2"]],
      ["Bob", ["3"]],
      ["Ann", ["4"]],
      ["Ann", ["5", "6"]],
    ]);
    expect(groups[0]!.key).toBe(lineKey("user-a", "1"));
    expect(groupBySpeaker([])).toEqual([]);
  });
});
