import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { searchVariants } from "@/modules/core/transcripts/domain/comparable-text";
import { Highlighted } from "./transcript-turns";

const marked = (text: string, query: string) =>
  renderToStaticMarkup(createElement(Highlighted, { text, terms: searchVariants(query) }));

describe("Highlighted", () => {
  it("marks what a search found, in whichever form the line wrote the number", () => {
    expect(marked("We raised $40,000 in March.", "forty thousand")).toBe(
      "We raised $<mark>40,000</mark> in March.",
    );
    expect(marked("we need forty more, 40 in all", "40")).toBe(
      "we need <mark>forty</mark> more, <mark>40</mark> in all",
    );
    expect(marked("Budget, budget", "BUDGET")).toBe("<mark>Budget</mark>, <mark>budget</mark>");
  });

  it("marks a derived figure only as a whole number, and nothing without a search", () => {
    expect(marked("About 50% agreed, five of us", "five")).toBe("About 50% agreed, <mark>five</mark> of us");
    expect(marked("About 5% agreed", "five")).toBe("About <mark>5</mark>% agreed");
    expect(marked("plain", "")).toBe("plain");
  });
});
