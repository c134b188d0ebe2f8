import { describe, expect, it } from "vitest";
import {
  captionStateOf,
  decodeCaptionState,
  deriveCaptionHealth,
  encodeCaptionState,
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
    // …and reaches the host as a caption state message like any other state.
    const busy = { type: "state", state: "busy", lagMs: null, paused: false } as const;
    expect(decodeCaptionState(encodeCaptionState(busy))).toEqual(busy);
  });
});

describe("caption state messages", () => {
  const raw = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

  it("round-trip a state and an ask", () => {
    const state = { type: "state", state: "error", reason: "budget", lagMs: 1200, paused: false } as const;
    expect(decodeCaptionState(encodeCaptionState(state))).toEqual(state);
    expect(decodeCaptionState(encodeCaptionState({ type: "ask" }))).toEqual({ type: "ask" });
  });

  it("keeps a reason for an error only", () => {
    const m = decodeCaptionState(
      raw({ type: "state", state: "muted", reason: "x", lagMs: null, paused: false }),
    );
    expect(m?.type === "state" && captionStateOf(m)).toEqual({ state: "muted", lagMs: null, paused: false });
  });

  it("carries a silent microphone while streaming only, and nothing else in its place", () => {
    const streaming = {
      type: "state",
      state: "streaming",
      lagMs: null,
      paused: false,
      mic: "silent",
    } as const;
    const m = decodeCaptionState(encodeCaptionState(streaming));
    expect(m?.type === "state" && captionStateOf(m)).toEqual({
      state: "streaming",
      lagMs: null,
      paused: false,
      mic: "silent",
    });
    const muted = decodeCaptionState(raw({ ...streaming, state: "muted" }));
    expect(muted?.type === "state" && captionStateOf(muted)).toEqual({
      state: "muted",
      lagMs: null,
      paused: false,
    });
    expect(decodeCaptionState(raw({ ...streaming, mic: "loud" }))).toBeNull();
  });

  it("reads nothing from a malformed, unknown or oversized message", () => {
    expect(decodeCaptionState(new TextEncoder().encode("{not json"))).toBeNull();
    expect(
      decodeCaptionState(raw({ type: "state", state: "exploded", lagMs: null, paused: false })),
    ).toBeNull();
    expect(decodeCaptionState(raw({ type: "state", state: "muted", lagMs: -5, paused: false }))).toBeNull();
    expect(decodeCaptionState(raw({ type: "state", state: "muted", lagMs: null }))).toBeNull();
    expect(
      decodeCaptionState(
        raw({ type: "state", state: "error", reason: "x".repeat(161), lagMs: null, paused: false }),
      ),
    ).toBeNull();
    expect(decodeCaptionState(raw({ type: "ask", pad: "x".repeat(2000) }))).toBeNull();
  });
});
