import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** text_guard.py is pure Python: the system python3 runs it, no venv or model needed. */
function collapse(texts: string[]): string[] {
  const script = [
    "import json, sys",
    "sys.path.insert(0, sys.argv[1])",
    "from text_guard import collapse_repeats",
    "print(json.dumps([collapse_repeats(t) for t in json.loads(sys.stdin.read())]))",
  ].join("\n");
  const out = execFileSync("python3", ["-c", script, import.meta.dirname], {
    input: JSON.stringify(texts),
    encoding: "utf8",
  });
  return JSON.parse(out) as string[];
}

describe("collapse_repeats (Whisper's loop guard)", () => {
  it("collapses a phrase repeated back to back, keeping the first copy as written", () => {
    expect(
      collapse([
        "We need a decision. We need a decision. We need a decision.",
        "the budget the budget the budget is done",
        "Thank you. Thank you.",
        "a b c a b c a b c d",
        "go go go go now",
        "Спасибо большое. Спасибо большое.",
      ]),
    ).toEqual([
      "We need a decision.",
      "the budget is done",
      "Thank you.",
      "a b c d",
      "go now",
      "Спасибо большое.",
    ]);
  });

  it("leaves ordinary speech alone, including a word said twice", () => {
    const speech = [
      "Good morning everyone, thank you for joining the meeting today.",
      "That is very very good.",
      "I think that that is right.",
      "",
    ];
    expect(collapse(speech)).toEqual(speech);
  });
});
