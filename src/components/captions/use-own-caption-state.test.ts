import { describe, expect, it } from "vitest";
import { ownCaptionHealth } from "./use-own-caption-state";

const streaming = {
  enabled: true,
  sessionOff: false,
  status: { state: "ready" as const },
  paused: false,
  micOn: true,
  recognizer: "live" as const,
  lagMs: 400,
  capturing: true,
  micSilent: true,
};

describe("own caption health", () => {
  it("says the microphone is silent only while it is captured and streaming", () => {
    expect(ownCaptionHealth(streaming)).toEqual({ health: { state: "streaming" }, micSilent: true });
    // Muted: nothing is sent, so silence means nothing.
    expect(ownCaptionHealth({ ...streaming, micOn: false, capturing: false })).toEqual({
      health: { state: "muted" },
      micSilent: false,
    });
    expect(ownCaptionHealth({ ...streaming, paused: true })).toMatchObject({ micSilent: false });
    expect(ownCaptionHealth({ ...streaming, status: { state: "reconnecting" } })).toEqual({
      health: { state: "disconnected" },
      micSilent: false,
    });
  });

  it("is off when the session's captions are off, whatever the socket says", () => {
    expect(ownCaptionHealth({ ...streaming, sessionOff: true }).health).toEqual({ state: "off" });
    expect(
      ownCaptionHealth({ ...streaming, status: { state: "unavailable", reason: "budget" } }).health,
    ).toEqual({ state: "error", reason: "budget" });
  });
});
