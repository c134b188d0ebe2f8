import { describe, expect, it } from "vitest";
import { activeOf, announcementFor, parseRows, type RecordingRow } from "./recording-state";

const row = (id: string, status: string, extra: Partial<RecordingRow> = {}): RecordingRow => ({
  id,
  status,
  startedByName: "Alice",
  failureReason: null,
  ...extra,
});

describe("recording state in the call", () => {
  it("reads the list route's rows, with the starter's name in either shape", () => {
    const rows = parseRows({
      recordings: [
        { id: "a", status: "RECORDING", startedBy: { name: "Alice" } },
        { id: "b", status: "FAILED", startedByName: "Bob", failureReason: "gone" },
        { status: "READY" },
      ],
    });
    expect(rows).toEqual([
      { id: "a", status: "RECORDING", startedByName: "Alice", failureReason: null, stopRequested: false },
      { id: "b", status: "FAILED", startedByName: "Bob", failureReason: "gone", stopRequested: false },
    ]);
    expect(parseRows(null)).toEqual([]);
    expect(activeOf(rows)).toEqual({
      id: "a",
      status: "RECORDING",
      startedByName: "Alice",
      stopRequested: false,
    });
    expect(activeOf([row("c", "READY")])).toBeNull();
  });

  it("announces nothing on the first read, so a late joiner is not told it just started", () => {
    expect(announcementFor(undefined, [row("a", "RECORDING")])).toBeNull();
  });

  it("announces a start with who started it, and a stop", () => {
    expect(announcementFor(null, [row("a", "STARTING")])).toEqual({ kind: "started", name: "Alice" });
    const active = activeOf([row("a", "RECORDING")]);
    expect(announcementFor(active, [row("a", "RECORDING")])).toBeNull();
    expect(announcementFor(active, [row("a", "PROCESSING")])).toEqual({ kind: "stopped" });
    expect(announcementFor(active, [row("a", "READY")])).toEqual({ kind: "stopped" });
  });

  it("says why when the recording failed, and a new one replacing it reads as a start", () => {
    const active = activeOf([row("a", "RECORDING")]);
    expect(
      announcementFor(active, [row("a", "FAILED", { failureReason: "The recorder stopped responding." })]),
    ).toEqual({
      kind: "failed",
      reason: "The recorder stopped responding.",
    });
    expect(
      announcementFor(active, [row("b", "STARTING", { startedByName: "Bob" }), row("a", "READY")]),
    ).toEqual({
      kind: "started",
      name: "Bob",
    });
  });
});
