import { describe, expect, it } from "vitest";
import { scoringWords, wordErrorRate, wordErrors } from "./word-error-rate";

describe("scoringWords", () => {
  it("lower-cases and drops punctuation, keeping apostrophes inside words", () => {
    expect(scoringWords("And so, my fellow Americans: ask not — don't!")).toEqual([
      "and",
      "so",
      "my",
      "fellow",
      "americans",
      "ask",
      "not",
      "don't",
    ]);
    expect(scoringWords("cold-hearted 'quoted'")).toEqual(["cold", "hearted", "quoted"]);
  });

  it("writes amounts the same whether spelled or in digits", () => {
    expect(scoringWords("$40,000")).toEqual(["40000", "dollars"]);
    expect(scoringWords("forty thousand dollars")).toEqual(["40000", "dollars"]);
    expect(scoringWords("$5 million")).toEqual(["5000000", "dollars"]);
    expect(scoringWords("five million dollars")).toEqual(["5000000", "dollars"]);
    expect(scoringWords("one hundred and five")).toEqual(["105"]);
    expect(scoringWords("two thousand twenty six")).toEqual(["2026"]);
    expect(scoringWords("12%")).toEqual(["12", "percent"]);
    expect(scoringWords("twelve percent")).toEqual(["12", "percent"]);
    expect(scoringWords("three point five")).toEqual(["3.5"]);
    expect(scoringWords("3.5.")).toEqual(["3.5"]);
  });

  it("joins digits said one by one, with oh as zero only among them", () => {
    expect(scoringWords("two nine three four zero")).toEqual(["29340"]);
    expect(scoringWords("2 9 3 4 0")).toEqual(["29340"]);
    expect(scoringWords("three five oh")).toEqual(["350"]);
    expect(scoringWords("oh, I see")).toEqual(["oh", "i", "see"]);
    expect(scoringWords("ten of clubs")).toEqual(["10", "of", "clubs"]);
  });

  it("reads a year said in pairs as one number", () => {
    expect(scoringWords("in nineteen sixty one")).toEqual(["in", "1961"]);
    expect(scoringWords("in 1961")).toEqual(["in", "1961"]);
    expect(scoringWords("twenty twenty six")).toEqual(["2026"]);
  });

  it("spells out the titles recognizers abbreviate", () => {
    expect(scoringWords("Mr. John Dashwood")).toEqual(["mister", "john", "dashwood"]);
  });

  it("treats words that are Object properties as plain words", () => {
    expect(scoringWords("constructor toString")).toEqual(["constructor", "tostring"]);
  });
});

describe("wordErrors / wordErrorRate", () => {
  it("counts substitutions, deletions and insertions against the reference", () => {
    expect(wordErrors("go forward ten meters", "go forward ten meters")).toEqual({
      words: 4,
      substitutions: 0,
      deletions: 0,
      insertions: 0,
    });
    expect(wordErrors("go forward ten meters", "go for word ten meters")).toEqual({
      words: 4,
      substitutions: 1,
      deletions: 0,
      insertions: 1,
    });
    expect(wordErrors("go forward ten meters", "forward ten")).toEqual({
      words: 4,
      substitutions: 0,
      deletions: 2,
      insertions: 0,
    });
    expect(wordErrorRate("go forward ten meters", "go forward and meters")).toBe(0.25);
  });

  it("does not count a different spelling of the same number as an error", () => {
    expect(wordErrorRate("it costs forty thousand dollars", "It costs $40,000.")).toBe(0);
    expect(wordErrorRate("two nine three four zero", "29340")).toBe(0);
    expect(wordErrorRate("eight of spades four of clubs", "8 of spades, 4 of clubs")).toBe(0);
    expect(wordErrorRate("forty thousand", "fourteen thousand")).toBe(1);
  });

  it("is 1 for words against an empty reference and 0 for nothing against nothing", () => {
    expect(wordErrorRate("", "")).toBe(0);
    expect(wordErrorRate("", "hello")).toBe(1);
    expect(wordErrorRate("hello there", "")).toBe(1);
    expect(wordErrorRate("hello", "hello hello hello")).toBe(2);
  });
});
