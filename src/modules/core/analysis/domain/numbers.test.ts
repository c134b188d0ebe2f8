import { describe, expect, it } from "vitest";
import { dueDate, findActionItems } from "./action-items";
import { OwnerDirectory } from "./owners";
import { splitSentences, terms } from "./text";

/**
 * The analyzer reads transcripts written both ways: figures and casing (Whisper, Gladia, and
 * PocketSphinx since its captions are written out) and words (PocketSphinx lines stored before).
 */
const reference = new Date("2026-02-10T10:00:00Z");

describe("due dates said either way", () => {
  it.each([
    ["I'll send it by March 3rd", "i'll send it by march third", "2026-03-03"],
    ["I'll send it by March 3", "i'll send it by march three", "2026-03-03"],
    ["I'll send it by the 3rd of March", "i'll send it by the third of march", "2026-03-03"],
    ["I'll send it by March 21st", "i'll send it by march twenty first", "2026-03-21"],
    ["I'll send it by Friday the 13th", "i'll send it by friday the thirteenth", "2026-02-13"],
    ["I'll send it in 10 days", "i'll send it in ten days", "2026-02-20"],
    ["I'll send it in 2 weeks", "i'll send it in two weeks", "2026-02-24"],
    ["I'll send it by 3:30 pm tomorrow", "i'll send it by three thirty pm tomorrow", "2026-02-11"],
    ["Я отправлю до 3 марта", "я отправлю до третьего марта", "2026-03-03"],
  ])("%s ~ %s → %s", (figures, spoken, due) => {
    expect(dueDate(figures, reference)).toBe(due);
    expect(dueDate(spoken, reference)).toBe(due);
  });
});

describe("summary terms", () => {
  it("count a sum or a share as the same term whichever way it was written", () => {
    expect(terms("We raised $40,000 for the launch")).toEqual(
      terms("we raised forty thousand dollars for the launch"),
    );
    expect(terms("About 50% of users churned")).toEqual(terms("about fifty percent of users churned"));
    expect(terms("The budget is $3 million")).toEqual(terms("the budget is three million dollars"));
    expect(terms("We raised $40,000")).toContain("40000");
  });
});

describe("action items said either way", () => {
  const speakers = [
    { participantId: "p-ann", speakerName: "Ann", userId: "u-ann" },
    { participantId: "p-bo", speakerName: "Bo", userId: "u-bo" },
  ];
  const item = (text: string) => {
    const segments = [{ ...speakers[0]!, id: "s1", text }];
    const [found] = findActionItems(
      splitSentences(segments),
      segments,
      new OwnerDirectory(speakers, []),
      reference,
    );
    return found && { owner: found.owner?.participantId, due: found.due };
  };

  it.each([
    [
      "I'll wire the $40,000 deposit by March 3rd",
      "i'll wire the forty thousand dollars deposit by march third",
    ],
    [
      "Bo will cut costs by 10% before March 21st",
      "bo will cut costs by ten percent before march twenty first",
    ],
  ])("%s ~ %s", (figures, spoken) => {
    expect(item(figures)).toBeDefined();
    expect(item(spoken)).toEqual(item(figures));
  });
});
