import { describe, expect, it } from "vitest";
import {
  CAPTION_LAG_ATTRIBUTE,
  CAPTION_REASON_ATTRIBUTE,
  CAPTION_STATE_ATTRIBUTE,
  captionHealthAttributes,
  deriveCaptionHealth,
  readCaptionHealth,
  readCaptionLag,
  type CaptionHealthInput,
} from "./caption-health";

const base: CaptionHealthInput = { enabled: true, connection: "ready", paused: false, micOn: true };

describe("deriveCaptionHealth", () => {
  it("maps each connection state with the mic on and not paused", () => {
    expect(deriveCaptionHealth(base)).toEqual({ state: "streaming" });
    expect(deriveCaptionHealth({ ...base, connection: "connecting" })).toEqual({ state: "connecting" });
    expect(deriveCaptionHealth({ ...base, connection: "reconnecting" })).toEqual({ state: "disconnected" });
    expect(deriveCaptionHealth({ ...base, connection: "stopped" })).toEqual({ state: "off" });
    expect(deriveCaptionHealth({ ...base, connection: "unavailable", reason: "Provider refused" })).toEqual({
      state: "error",
      reason: "Provider refused",
    });
  });

  it("puts the participant's choices before a lost socket, but not before an error", () => {
    expect(deriveCaptionHealth({ ...base, paused: true, connection: "reconnecting" })).toEqual({
      state: "paused",
    });
    expect(deriveCaptionHealth({ ...base, micOn: false, connection: "reconnecting" })).toEqual({
      state: "muted",
    });
    expect(deriveCaptionHealth({ ...base, paused: true, micOn: false })).toEqual({ state: "paused" });
    expect(deriveCaptionHealth({ ...base, micOn: false, connection: "unavailable", reason: "x" }).state).toBe(
      "error",
    );
  });

  it("is off whenever captions are not enabled, and keeps error reasons short", () => {
    expect(deriveCaptionHealth({ ...base, enabled: false, connection: "unavailable" })).toEqual({
      state: "off",
    });
    const long = deriveCaptionHealth({ ...base, connection: "unavailable", reason: "r".repeat(1000) });
    expect(long.reason).toHaveLength(160);
    expect(deriveCaptionHealth({ ...base, connection: "unavailable" })).toEqual({ state: "error" });
  });

  it("shows the host a recognizer that is behind or full, behind the participant's own choices", () => {
    expect(deriveCaptionHealth({ ...base, recognizer: "delayed" })).toEqual({ state: "delayed" });
    expect(deriveCaptionHealth({ ...base, recognizer: "catching_up" })).toEqual({ state: "catching_up" });
    expect(deriveCaptionHealth({ ...base, recognizer: "live" })).toEqual({ state: "streaming" });
    expect(deriveCaptionHealth({ ...base, recognizer: "delayed", paused: true })).toEqual({
      state: "paused",
    });
    // busy stays busy through the unavailable close and the retries, until a stream is ready
    for (const connection of ["unavailable", "reconnecting", "connecting"] as const) {
      expect(deriveCaptionHealth({ ...base, recognizer: "busy", connection })).toEqual({ state: "busy" });
    }
    expect(readCaptionHealth(captionHealthAttributes({ state: "busy" }))).toEqual({ state: "busy" });
  });
});

describe("caption health attributes", () => {
  it("round-trip through the published attributes", () => {
    for (const health of [{ state: "streaming" as const }, { state: "error" as const, reason: "budget" }]) {
      expect(readCaptionHealth(captionHealthAttributes(health))).toEqual(health);
    }
    expect(captionHealthAttributes({ state: "paused", reason: "ignored" })[CAPTION_REASON_ATTRIBUTE]).toBe(
      "",
    );
  });

  it("reads nothing from a participant who published no or an unknown state", () => {
    expect(readCaptionHealth({})).toBeNull();
    expect(readCaptionHealth({ [CAPTION_STATE_ATTRIBUTE]: "exploded" })).toBeNull();
    expect(
      readCaptionHealth({ [CAPTION_STATE_ATTRIBUTE]: "muted", [CAPTION_REASON_ATTRIBUTE]: "x" }),
    ).toEqual({
      state: "muted",
    });
  });
});

describe("readCaptionLag", () => {
  it("reads a published lag and ignores a missing or malformed one", () => {
    expect(readCaptionLag({ [CAPTION_LAG_ATTRIBUTE]: "1200" })).toBe(1200);
    expect(readCaptionLag({})).toBeNull();
    expect(readCaptionLag({ [CAPTION_LAG_ATTRIBUTE]: "soon" })).toBeNull();
    expect(readCaptionLag({ [CAPTION_LAG_ATTRIBUTE]: "-5" })).toBeNull();
  });
});
