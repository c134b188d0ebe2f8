import { describe, expect, it } from "vitest";
import { NOT_CAPTIONED_AFTER_MS as WAIT, nextCheckAt, notCaptioned, type Present } from "./not-captioned";

const since = 1_000_000;
const at = (ms: number) => new Date(since + ms);
const people: Present[] = [
  { identity: "me", isLocal: true },
  { identity: "browser", isLocal: false, joinedAt: at(-60_000) },
  { identity: "sip", isLocal: false, joinedAt: at(-60_000) },
  { identity: "late-app", isLocal: false, joinedAt: at(3_000) },
];
const states = new Map([["browser", {}]]);

describe("notCaptioned", () => {
  it("marks those who sent no caption state once the wait after both joined is over", () => {
    expect([...notCaptioned(people, states, since + WAIT - 1, since)]).toEqual([]);
    expect([...notCaptioned(people, states, since + WAIT, since)]).toEqual(["sip"]);
    expect([...notCaptioned(people, states, since + 3_000 + WAIT, since)]).toEqual(["sip", "late-app"]);
  });

  it("never marks this client itself, nor anyone whose state arrived late", () => {
    const all = new Map([...states, ["sip", {}], ["late-app", {}]]);
    expect([...notCaptioned(people, all, since + 60_000, since)]).toEqual([]);
  });

  it("says when to look again, and nothing once nobody is waiting", () => {
    expect(nextCheckAt(people, states, since, since)).toBe(since + WAIT);
    expect(nextCheckAt(people, states, since + WAIT, since)).toBe(since + 3_000 + WAIT);
    expect(nextCheckAt(people, states, since + 3_000 + WAIT, since)).toBeNull();
  });
});
