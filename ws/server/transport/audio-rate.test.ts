import { describe, expect, it } from "vitest";
import { BYTES_PER_SECOND, CHUNK_BYTES, CHUNK_MS } from "@/modules/core/captions/domain/audio";
import { AudioRate } from "./audio-rate";
import { SETTINGS } from "../settings";

/** An AudioRate with recorded hooks, fed 160 ms chunks on a fake clock. */
function stream() {
  const seen = { sent: 0, accepted: 0, dropped: 0, warnings: 0, abuse: false };
  const rate = new AudioRate({
    dropped: (b) => (seen.dropped += b),
    warn: () => seen.warnings++,
    abuse: () => (seen.abuse = true),
  });
  let now = 0;
  /** `seconds` of audio sent at `speed` × real time (chunks spread evenly), stopping at abuse. */
  const send = (seconds: number, speed: number) => {
    const chunks = Math.round((seconds * 1000) / CHUNK_MS);
    for (let i = 0; i < chunks && !seen.abuse; i++) {
      seen.sent += CHUNK_BYTES;
      if (rate.admit(CHUNK_BYTES, now)) seen.accepted += CHUNK_BYTES;
      now += CHUNK_MS / speed;
    }
  };
  const burst = (seconds: number) => {
    const chunks = Math.round((seconds * 1000) / CHUNK_MS);
    for (let i = 0; i < chunks && !seen.abuse; i++) {
      seen.sent += CHUNK_BYTES;
      if (rate.admit(CHUNK_BYTES, now)) seen.accepted += CHUNK_BYTES;
    }
  };
  const wait = (ms: number) => (now += ms);
  return { seen, send, burst, wait, rate, elapsed: () => now };
}

describe("audio rate (token bucket on bytes)", () => {
  it("keeps all of a 10 s stall flushed at once, with the client's 4 s backlog on top", () => {
    const s = stream();
    s.send(30, 1);
    s.wait(10_000);
    s.burst(10 + 4);
    s.send(30, 1);
    expect(s.seen.dropped).toBe(0);
    expect(s.seen.warnings).toBe(0);
    expect(s.seen.abuse).toBe(false);
    expect(s.seen.accepted).toBe(s.seen.sent);
  });

  it("keeps a client replaying 10 s of backlog at 2× real time over its live audio", () => {
    const s = stream();
    s.send(30, 1);
    // The backlog shrinks by one chunk per 160 ms: 20 s at 2× with the live audio on top.
    s.send(2 * 20, 2);
    s.send(30, 1);
    expect(s.seen.dropped).toBe(0);
    expect(s.seen.accepted).toBe(s.seen.sent);
  });

  it("drops (and warns about) the excess of a 2× stream for minutes without closing it", () => {
    const s = stream();
    s.send(240, 2);
    expect(s.seen.abuse).toBe(false);
    expect(s.seen.dropped).toBeGreaterThan(0);
    expect(s.seen.warnings).toBeGreaterThan(0);
    // Never more than the burst plus 1.5× the time that passed.
    expect(s.seen.accepted).toBeLessThanOrEqual(
      SETTINGS.audioRate.burstBytes + (SETTINGS.audioRate.bytesPerSecond * s.elapsed()) / 1000,
    );
  });

  it("cuts a 5× flood within 10 s", () => {
    const s = stream();
    s.send(5 * 10, 5);
    expect(s.seen.abuse).toBe(true);
    expect(s.elapsed()).toBeLessThan(10_000);
  });

  it("takes no more than the burst plus 1.5× elapsed from a blast, and cuts it", () => {
    const s = stream();
    s.burst(246);
    expect(s.seen.abuse).toBe(true);
    expect(s.seen.accepted).toBeLessThanOrEqual(SETTINGS.audioRate.burstBytes);
    expect(s.seen.accepted / BYTES_PER_SECOND).toBeLessThan(246 / 10);
  });
});
