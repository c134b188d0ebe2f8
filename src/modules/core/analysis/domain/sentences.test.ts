import { describe, expect, it } from "vitest";
import { asSentence, asSentences } from "./sentences";

describe("asSentence", () => {
  it("capitalises the first letter and ends with a full stop", () => {
    expect(asSentence("we decided to ship on march third")).toBe("We decided to ship on march third.");
    expect(asSentence("  the budget doubles,  ")).toBe("The budget doubles.");
    expect(asSentence("мы выпускаем релиз в пятницу")).toBe("Мы выпускаем релиз в пятницу.");
  });

  it("keeps an end mark, quotes and figures as said", () => {
    expect(asSentence("is it $40,000?")).toBe("Is it $40,000?");
    expect(asSentence('"done," she said "done."')).toBe('"Done," she said "done."');
    expect(asSentence("«готово»")).toBe("«Готово».");
    expect(asSentence("40% of users")).toBe("40% of users.");
    expect(asSentence("   ")).toBe("");
  });
});

describe("asSentences", () => {
  const point = (text: string) => ({ text, segmentIds: ["s1"] });

  it("writes summary, key points and decisions as sentences and leaves action items as found", () => {
    const result = {
      summary: "we shipped it the beta is out",
      summaryPoints: [point("we shipped it"), point("the beta is out")],
      keyPoints: [point("crash rate is high")],
      decisions: [point("ship on friday")],
      actionItems: [{ ...point("send the report"), key: "k" }],
      model: "offline",
    };
    // The offline analyzer's summary is its points joined: rebuilt from them.
    expect(asSentences({ ...result, summary: "we shipped it the beta is out" }).summary).toBe(
      "We shipped it. The beta is out.",
    );
    const out = asSentences({ ...result, summary: "we shipped it the beta is out" });
    expect(out.keyPoints[0]!.text).toBe("Crash rate is high.");
    expect(out.decisions[0]!.text).toBe("Ship on friday.");
    expect(out.actionItems[0]!.text).toBe("send the report");
    expect(out.summaryPoints[0]!.segmentIds).toEqual(["s1"]);
    // An LLM's own summary is kept, as a sentence.
    expect(asSentences({ ...result, summary: "a short call about the beta" }).summary).toBe(
      "A short call about the beta.",
    );
  });
});
