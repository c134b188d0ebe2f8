import { describe, expect, it } from "vitest";
import {
  escapeMarkdown,
  escapeVtt,
  offsetLabel,
  parseMoment,
  sessionTimeline,
  srtTime,
  toJson,
  toMarkdown,
  toSrt,
  toTxt,
  toVtt,
  vttTime,
  type StoredSegment,
  type TimedSegment,
} from "./transcript-export";

const origin = new Date("2026-01-01T10:00:00Z");

function seg(over: Partial<TimedSegment> & { id: string }): TimedSegment {
  return {
    text: "hello",
    startMs: 0,
    endMs: 1000,
    createdAt: origin,
    language: "en",
    participantId: "p1",
    speakerName: "Ann",
    speakerIdentity: "user-1",
    ...over,
  };
}

describe("timestamps", () => {
  it("formats 0 ms, sub-second, and past an hour", () => {
    expect(vttTime(0)).toBe("00:00:00.000");
    expect(srtTime(0)).toBe("00:00:00,000");
    expect(vttTime(61_005)).toBe("00:01:01.005");
    expect(srtTime(3_723_456)).toBe("01:02:03,456");
    expect(vttTime(36_000_000 + 1)).toBe("10:00:00.001");
    expect(offsetLabel(0)).toBe("00:00");
    expect(offsetLabel(125_999)).toBe("02:05");
    expect(offsetLabel(3_723_000)).toBe("1:02:03");
  });
});

describe("sessionTimeline", () => {
  const stored = (id: string, atMs: number, s: number | null, e: number | null): StoredSegment => ({
    id,
    text: id,
    streamStartMs: s,
    streamEndMs: e,
    createdAt: new Date(origin.getTime() + atMs),
    language: null,
    participantId: null,
    speakerName: null,
    speakerIdentity: null,
  });

  it("places a final at its storing time less its duration, never before the session or the previous cue", () => {
    const timed = sessionTimeline(origin, [
      stored("a", 5000, 100, 2100),
      stored("b", 500, 0, 3000),
      stored("c", 6000, null, null),
      stored("d", 6000, 50, 50),
    ]);
    expect(timed.map((t) => [t.id, t.startMs, t.endMs])).toEqual([
      ["a", 3000, 5000],
      ["b", 3000, 6000],
      ["c", 6000, 7500],
      ["d", 6000, 7500],
    ]);
    expect(timed[0]).not.toHaveProperty("streamStartMs");
  });
});

const nasty = [
  seg({ id: "1", text: "a --> b <b>bold</b> & co", startMs: 0, endMs: 1200 }),
  seg({ id: "2", text: "line one\n\nline two\r\nthree", startMs: 1200, endMs: 2000 }),
  seg({ id: "3", text: "   ", startMs: 2000, endMs: 2100 }),
  seg({
    id: "4",
    text: "שלום עולם 🎉 مرحبا",
    speakerName: "Bob <admin>",
    participantId: "p2",
    startMs: 3_700_000,
    endMs: 3_701_500,
  }),
];

describe("toVtt", () => {
  const vtt = toVtt(nasty);

  it("escapes markup, keeps every cue on one line and gives speakers voice spans", () => {
    expect(vtt.startsWith("WEBVTT\n\n")).toBe(true);
    expect(vtt).toContain(
      "1\n00:00:00.000 --> 00:00:01.200\n<v Ann>a --&gt; b &lt;b&gt;bold&lt;/b&gt; &amp; co\n\n",
    );
    expect(vtt).toContain("2\n00:00:01.200 --> 00:00:02.000\n<v Ann>line one line two three\n\n");
    expect(vtt).toContain("3\n01:01:40.000 --> 01:01:41.500\n<v Bob &lt;admin&gt;>שלום עולם 🎉 مرحبا\n\n");
    // The empty final has no cue, and no arrow appears outside timing lines.
    expect(vtt.match(/-->/g)).toHaveLength(3);
  });

  it("is a bare header without segments", () => {
    expect(toVtt([])).toBe("WEBVTT\n\n");
  });

  it("escapes a lone ampersand and angle brackets", () => {
    expect(escapeVtt("<&>")).toBe("&lt;&amp;&gt;");
  });
});

describe("toSrt", () => {
  it("numbers cues, uses comma milliseconds, prefixes the speaker and neutralises arrows", () => {
    const srt = toSrt(nasty);
    expect(srt.split("\n\n").filter(Boolean)).toEqual([
      "1\n00:00:00,000 --> 00:00:01,200\nAnn: a -> b <b>bold</b> & co",
      "2\n00:00:01,200 --> 00:00:02,000\nAnn: line one line two three",
      "3\n01:01:40,000 --> 01:01:41,500\nBob <admin>: שלום עולם 🎉 مرحبا",
    ]);
    expect(srt.endsWith("\n\n")).toBe(true);
    expect(toSrt([])).toBe("");
  });
});

describe("toTxt", () => {
  it("is one line per segment with offset and speaker", () => {
    expect(toTxt(nasty, "Plan\nreview")).toBe(
      "Plan review\n\n[00:00] Ann: a --> b <b>bold</b> & co\n[00:01] Ann: line one line two three\n" +
        "[1:01:40] Bob <admin>: שלום עולם 🎉 مرحبا\n",
    );
  });

  it("names an unknown speaker", () => {
    expect(toTxt([seg({ id: "x", speakerName: null })], "T")).toContain("Unknown speaker: hello");
  });
});

describe("toMarkdown", () => {
  it("escapes formatting characters and groups turns", () => {
    expect(escapeMarkdown("*a* _b_ [c](d) # 1. <x> `y` \\ | ~ !")).toBe(
      "\\*a\\* \\_b\\_ \\[c\\]\\(d\\) \\# 1. \\<x\\> \\`y\\` \\\\ \\| \\~ \\!",
    );
    expect(escapeMarkdown("1. first")).toBe("1\\. first");
    const md = toMarkdown(nasty, "Q3 *plan*");
    expect(md).toBe(
      [
        "# Q3 \\*plan\\*",
        "",
        "**Ann** · 00:00",
        "",
        "a \\-\\-\\> b \\<b\\>bold\\</b\\> \\& co  ",
        "line one line two three",
        "",
        "**Bob \\<admin\\>** · 1:01:40",
        "",
        "שלום עולם 🎉 مرحبا",
        "",
      ].join("\n"),
    );
  });
});

describe("toJson", () => {
  it("keeps ids, ms and the speaker, and the raw text", () => {
    const parsed = JSON.parse(toJson(nasty, { slug: "abc-defg-hij", title: "T", startedAt: origin }));
    expect(parsed.session).toEqual({ slug: "abc-defg-hij", title: "T", startedAt: origin.toISOString() });
    expect(parsed.segments).toHaveLength(4);
    expect(parsed.segments[0]).toEqual({
      id: "1",
      startMs: 0,
      endMs: 1200,
      speaker: { name: "Ann", identity: "user-1", participantId: "p1" },
      text: "a --> b <b>bold</b> & co",
      language: "en",
      createdAt: origin.toISOString(),
    });
    expect(parsed.segments[3].startMs).toBe(3_700_000);
  });
});

describe("numbers as engines write them", () => {
  // What Whisper and Gladia write, and what the ws server makes of PocketSphinx's words.
  const said = [
    "We raised $40,000 in March.",
    "About 50% agreed, at 3:30 pm.",
    "It was $2.5 million (3.5%), 1,200 units.",
    "we raised forty thousand dollars",
  ];
  const timeline = said.map((text, i) =>
    seg({ id: `n${i}`, text, startMs: i * 1000, endMs: i * 1000 + 900 }),
  );

  it("exports every figure exactly as stored, in every format", () => {
    const [txt, vtt, srt, json] = [
      toTxt(timeline, "Numbers"),
      toVtt(timeline),
      toSrt(timeline),
      toJson(timeline, { slug: "s", title: "Numbers", startedAt: null }),
    ];
    for (const text of said) {
      expect(txt).toContain(`Ann: ${text}\n`);
      expect(vtt).toContain(`<v Ann>${text}\n`);
      expect(srt).toContain(`Ann: ${text}\n`);
    }
    expect((JSON.parse(json) as { segments: { text: string }[] }).segments.map((s) => s.text)).toEqual(said);
  });

  it("leaves $, %, commas, colons and decimal points alone in Markdown (escaping only what formats)", () => {
    const md = toMarkdown(timeline, "Numbers");
    expect(md).toContain("We raised $40,000 in March.  \n");
    expect(md).toContain("About 50% agreed, at 3:30 pm.  \n");
    expect(md).toContain("It was $2.5 million \\(3.5%\\), 1,200 units.  \n");
    expect(md).toContain("we raised forty thousand dollars\n");
    expect(escapeMarkdown("2. point five")).toBe("2\\. point five");
  });
});

describe("parseMoment", () => {
  it("reads mm:ss, h:mm:ss and seconds, and refuses anything else", () => {
    expect(parseMoment("01:05")).toBe(65_000);
    expect(parseMoment(" 1:02:03 ")).toBe(3_723_000);
    expect(parseMoment("90")).toBe(90_000);
    expect(parseMoment("0:00")).toBe(0);
    for (const bad of ["", "1:60", "a:10", "1::2", "-5", "1:2:3:4"]) expect(parseMoment(bad)).toBeNull();
  });
});
