import { describe, expect, it } from "vitest";
import { writtenCaption } from "./caption-text";
import {
  comparableText,
  indexOfTerm,
  searchVariants,
  termPattern,
} from "@/modules/core/transcripts/domain/comparable-text";
import { readSpokenNumber } from "./spoken-numbers";
import { readRussianNumber } from "./spoken-numbers-ru";

describe("readSpokenNumber", () => {
  it.each([
    ["forty two", 42, 2],
    ["two thousand and five", 2005, 4],
    ["one hundred twenty", 120, 3],
    ["two hundred and fifty thousand", 250000, 5],
    ["twelve hundred units", 1200, 2],
    ["one million two hundred thousand", 1200000, 5],
    ["nineteen eighty four", 19, 1],
    ["three thirty", 3, 1],
    ["twenty twenty four", 20, 1],
    ["five and six", 5, 1],
    ["zero one", 0, 1],
  ])("%s → %d (%d words)", (text, value, words) => {
    const n = readSpokenNumber(text.split(" "), 0);
    expect(n).toMatchObject({ value, end: words });
  });

  it("reads ordinals to their last word", () => {
    expect(readSpokenNumber("twenty first century".split(" "), 0)).toMatchObject({
      value: 21,
      end: 2,
      ordinal: true,
    });
    expect(readSpokenNumber(["third"], 0)).toMatchObject({ value: 3, ordinal: true });
    expect(readSpokenNumber(["hundredth"], 0)).toBeNull();
  });

  it("starts no number on words that only go with one", () => {
    for (const w of ["hundred", "thousand", "and", "a", "someone", "hundreds"]) {
      expect(readSpokenNumber([w, "people"], 0)).toBeNull();
    }
  });
});

describe("readRussianNumber", () => {
  it.each([
    ["сорок два", 42, 2],
    ["две тысячи пять", 2005, 3],
    ["сто двадцать", 120, 2],
    ["тысяча", 1000, 1],
    ["три миллиона двести тысяч", 3200000, 4],
    ["двадцать одиннадцать", 20, 1],
    ["пять шесть", 5, 1],
    ["ноль один", 0, 1],
  ])("%s → %d (%d words)", (text, value, words) => {
    expect(readRussianNumber(text.split(" "), 0)).toEqual({ value, end: words });
  });

  it("starts no number on other words", () => {
    expect(readRussianNumber(["сорока", "двух"], 0)).toBeNull();
  });
});

describe("writtenCaption (English, from an engine that writes words)", () => {
  it.each([
    // Numbers of 10 and up become figures; thousands get a comma from 10,000.
    ["we raised forty thousand dollars in march", "We raised $40,000 in March"],
    ["the answer is forty two", "The answer is 42"],
    ["it was two thousand and five", "It was 2005"],
    ["one hundred twenty people came", "120 people came"],
    ["we sold twelve hundred units", "We sold 1200 units"],
    ["the budget is three million dollars", "The budget is $3 million"],
    ["we hired eleven engineers", "We hired 11 engineers"],
    // Percent and currency make even small numbers figures.
    ["about fifty percent of them", "About 50% of them"],
    ["five per cent", "5%"],
    ["it costs nine dollars", "It costs $9"],
    ["one dollar", "$1"],
    ["five cents", "5 cents"],
    // Times only where clear: am/pm, or "at" with minutes.
    ["let's meet at three thirty pm", "Let's meet at 3:30 pm"],
    ["at seven oh five a m", "At 7:05 am"],
    ["nine p.m. works", "9 pm works"],
    ["see you at three thirty", "See you at 3:30"],
    // Dates: months capitalised, ordinals after a month or before "of <month>".
    ["the deadline is march third", "The deadline is March 3rd"],
    ["on the twenty fourth of march", "On the 24th of March"],
    ["on the third of june", "On the 3rd of June"],
    ["see you on monday", "See you on Monday"],
    ["in the twenty first century", "In the 21st century"],
    // Years only after a cue.
    ["i was born in nineteen eighty four", "I was born in 1984"],
    ["since twenty twenty four", "Since 2024"],
    ["in nineteen oh five", "In 1905"],
    // Casing.
    ["i think i'm right", "I think I'm right"],
  ])("%s → %s", (said, written) => {
    expect(writtenCaption(said, "en")).toBe(written);
  });

  it.each([
    // Conservative: zero–nine in running text stay words, and so do ordinals first–ninth.
    ["one of us", "One of us"],
    ["no one knows", "No one knows"],
    ["we have five people", "We have five people"],
    ["one on one", "One on one"],
    ["the first thing", "The first thing"],
    ["wait a second", "Wait a second"],
    ["one two three four", "One two three four"],
    ["a hundred people", "A hundred people"],
    ["hundreds of them", "Hundreds of them"],
    // Pairs of numbers without a clear time or year cue stay two numbers.
    ["eleven fifteen", "11 15"],
    ["from twelve thirty", "From 12 30"],
    ["call me at three", "Call me at three"],
    // Everyday words that are also months stay lower-case.
    ["we march on", "We march on"],
    ["it may rain", "It may rain"],
    ["maybe", "Maybe"],
    ["", ""],
  ])("keeps %s as %s", (said, written) => {
    expect(writtenCaption(said, "en")).toBe(written);
  });

  it.each([
    "We raised $40,000 in March.",
    "About 50% of them, at 3:30 pm, said one of us would go.",
    "It was 2005. Really? I'm sure!",
    "Meet at 9 a.m. on Monday",
  ])("leaves text already written out as it is: %s", (text) => {
    expect(writtenCaption(text, "en")).toBe(text);
  });

  it("reads number words in any case and stops a number at punctuation", () => {
    expect(writtenCaption("I'll send it by March three.", "en")).toBe("I'll send it by March 3.");
    expect(writtenCaption("We need Forty Two chairs", "en")).toBe("We need 42 chairs");
    expect(writtenCaption("forty, two", "en")).toBe("40, two");
    expect(writtenCaption("it's fifty percent, ok?", "en")).toBe("It's 50%, ok?");
  });

  it("writes Russian numbers of 10 and up as figures, small ones and inflected forms as said", () => {
    expect(writtenCaption("сорок два человека пришли", "ru")).toBe("42 человека пришли");
    expect(writtenCaption("мы собрали сорок тысяч долларов", "ru")).toBe("Мы собрали 40000 долларов");
    expect(writtenCaption("в две тысячи пятом году", "ru")).toBe("В две тысячи пятом году");
    expect(writtenCaption("один из нас", "ru")).toBe("Один из нас");
    expect(writtenCaption("около сорока двух", "ru")).toBe("Около сорока двух");
  });

  it("only capitalises other languages (numbers there are left as said)", () => {
    expect(writtenCaption("forty two", "de")).toBe("Forty two");
  });
});

describe("comparableText", () => {
  it.each([
    ["We raised $40,000 in March.", "we raised forty thousand dollars in march"],
    ["40000", "forty thousand"],
    ["About 50% of them", "about fifty percent of them"],
    ["Meet at 3:30 p.m.", "meet at three thirty pm"],
    ["The budget is $3 million", "the budget is three million dollars"],
    ["$3,000,000", "three million dollars"],
    ["Born in 1984", "born in nineteen eighty four"],
    ["We have 5 people", "we have five people"],
    ["March 3rd", "march third"],
    ["I don't know, do you?", "i don't know do you"],
    ["Мы собрали 40 000 рублей", "мы собрали сорок тысяч рублей"],
    ["Ответ: 42.", "ответ сорок два"],
  ])("%s ~ %s", (a, b) => {
    expect(comparableText(a)).toBe(comparableText(b));
  });

  it("keeps what differs apart", () => {
    expect(comparableText("40,000")).not.toBe(comparableText("four thousand"));
    expect(comparableText("$5")).not.toBe(comparableText("5%"));
    expect(comparableText("2.5 million")).toBe("2500000");
  });
});

describe("searchVariants", () => {
  const finds = (query: string, line: string) =>
    searchVariants(query).some((t) => indexOfTerm(line.toLowerCase(), t, 0) !== -1);

  it.each([
    ["40", "we need forty more"],
    ["forty", "we need 40 more"],
    ["forty thousand", "We raised $40,000 in March."],
    ["40000", "We raised $40,000 in March."],
    ["40,000", "we raised forty thousand dollars"],
    ["$40,000", "we raised forty thousand dollars"],
    ["forty thousand dollars", "We raised $40,000."],
    ["5", "we have five people"],
    ["five", "We have 5 people"],
    ["50%", "about fifty percent of them"],
    ["fifty percent", "About 50% of them"],
    ["3:30", "meet at three thirty pm"],
    ["42", "ответ сорок два"],
    ["сорок два", "Ответ: 42."],
    ["budget", "The budget is $3 million"],
  ])("%s finds %s", (query, line) => {
    expect(finds(query, line)).toBe(true);
  });

  it("stays literal otherwise, and bounded", () => {
    expect(finds("41", "we need forty more")).toBe(false);
    // A figure it derived is a whole number; what was typed is found anywhere, as before.
    expect(finds("five", "About 50% agreed")).toBe(false);
    expect(finds("forty", "we sold 1400 units")).toBe(false);
    expect(finds("5", "About 50% agreed")).toBe(true);
    expect(searchVariants("forty")).toEqual([
      { text: "forty", whole: false },
      { text: "40", whole: true },
    ]);
    expect(searchVariants("  ")).toEqual([]);
    expect(
      searchVariants("forty two thousand three hundred and five dollars 50%").length,
    ).toBeLessThanOrEqual(8);
  });
});

describe("termPattern", () => {
  it("anchors a derived figure where it could run on into digits, and escapes the rest", () => {
    expect(termPattern({ text: "5", whole: true })).toBe("(^|[^0-9])5([^0-9]|$)");
    expect(termPattern({ text: "$40,000", whole: true })).toBe("\\$40,000([^0-9]|$)");
    expect(termPattern({ text: "3.5%", whole: true })).toBe("(^|[^0-9])3\\.5%");
    expect(termPattern({ text: "forty", whole: true })).toBeNull();
    expect(termPattern({ text: "5", whole: false })).toBeNull();
  });
});
