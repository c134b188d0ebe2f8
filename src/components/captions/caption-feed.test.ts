import { describe, expect, it } from "vitest";
import {
  ATTR,
  fromStored,
  fromStreams,
  mergeCaptions,
  overlayLines,
  type CaptionLine,
  type StreamedTranscript,
} from "./caption-feed";

const stream = (
  identity: string,
  segment: string,
  text: string,
  final: boolean,
  ts: number,
): StreamedTranscript => ({
  text,
  participantInfo: { identity },
  streamInfo: {
    id: `${segment}-${ts}`,
    timestamp: ts,
    attributes: { [ATTR.segmentId]: segment, [ATTR.final]: String(final), [ATTR.trackId]: "TR_1" },
  },
});

const line = (id: string, at: number, extra: Partial<CaptionLine> = {}): CaptionLine => ({
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
    const names: Record<string, string> = { "user-b": "Bob" };
    const live = fromStreams(
      [
        stream("user-b", "u2", "good morn", false, 2000),
        { ...stream("user-b", "x", "chat", true, 1), streamInfo: { id: "c", timestamp: 1 } },
      ],
      (id) => names[id] ?? id,
      "user-me",
    );
    expect(live).toEqual([
      {
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
