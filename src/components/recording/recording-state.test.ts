import { describe, expect, it } from "vitest";
import { activeOf, announcementFor, type RecordingRow } from "./recording-state";

const row = (
  id: string,
  status: RecordingRow["status"],
  extra: Partial<RecordingRow> = {},
): RecordingRow => ({
  id,
  status,
  startedByName: "Alice",
  failureReason: null,
  stopRequested: false,
  ...extra,
});

describe("recording state in the call", () => {
  it("finds the running recording, with who started it and whether stop was asked for", () => {
    const rows = [
      row("a", "RECORDING", { stopRequested: true }),
      row("b", "FAILED", { startedByName: "Bob" }),
    ];
    expect(activeOf(rows)).toEqual({
      id: "a",
      status: "RECORDING",
      startedByName: "Alice",
      stopRequested: true,
    });
    expect(activeOf([row("c", "READY")])).toBeNull();
  });

  it("announces nothing on the first read, so a late joiner is not told it just started", () => {
    expect(announcementFor(undefined, [row("a", "RECORDING")])).toBeNull();
  });

  it("announces a start with who started it once the recorder records, and a stop", () => {
    // Asked for but not recording yet: the badge says "Starting", so the notice says nothing yet.
    expect(announcementFor(null, [row("a", "STARTING")])).toBeNull();
    const starting = activeOf([row("a", "STARTING")]);
    expect(announcementFor(starting, [row("a", "STARTING")])).toBeNull();
    expect(announcementFor(starting, [row("a", "RECORDING")])).toEqual({ kind: "started", name: "Alice" });
    expect(announcementFor(null, [row("a", "RECORDING")])).toEqual({ kind: "started", name: "Alice" });
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
      announcementFor(active, [row("b", "RECORDING", { startedByName: "Bob" }), row("a", "READY")]),
    ).toEqual({
      kind: "started",
      name: "Bob",
    });
  });
});
