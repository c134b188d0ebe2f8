import { describe, expect, it } from "vitest";
import { AudioMix, JITTER_MS, MAX_BACKLOG_MS } from "./audio-mix";

const RATE = 1_000; // 1 sample per ms keeps the arithmetic readable
const tone = (n: number, v: number) => new Int16Array(n).fill(v);

describe("AudioMix", () => {
  it("is silence with no tracks, for exactly the samples asked", () => {
    const out = new AudioMix(RATE).pull(480);
    expect(out.length).toBe(480);
    expect(out.every((v) => v === 0)).toBe(true);
  });

  it("holds a track back until its jitter buffer is filled, then plays it in order", () => {
    const mix = new AudioMix(RATE);
    mix.push("a", tone(JITTER_MS - 10, 100));
    expect(mix.pull(10).every((v) => v === 0)).toBe(true);
    mix.push("a", tone(10, 200));
    const out = mix.pull(JITTER_MS);
    expect(out[0]).toBe(100);
    expect(out[JITTER_MS - 1]).toBe(200);
  });

  it("sums tracks and clips instead of wrapping", () => {
    const mix = new AudioMix(RATE);
    mix.push("a", tone(JITTER_MS, 1_000));
    mix.push("b", tone(JITTER_MS, 2_000));
    expect(mix.pull(1)[0]).toBe(3_000);
    mix.push("c", tone(JITTER_MS, 32_000));
    expect(mix.pull(1)[0]).toBe(32_767);
  });

  it("an underrun pads with silence and waits to refill, so a stalled track never shortens the mix", () => {
    const mix = new AudioMix(RATE);
    mix.push("a", tone(JITTER_MS, 7));
    const out = mix.pull(JITTER_MS + 20);
    expect(out.length).toBe(JITTER_MS + 20);
    expect(out.slice(0, JITTER_MS).every((v) => v === 7)).toBe(true);
    expect(out.slice(JITTER_MS).every((v) => v === 0)).toBe(true);
    mix.push("a", tone(10, 9));
    expect(mix.pull(5).every((v) => v === 0)).toBe(true);
  });

  it("trims a backlog beyond the bound back to the jitter depth (the newest audio is kept)", () => {
    const mix = new AudioMix(RATE);
    mix.push("a", tone(MAX_BACKLOG_MS, 1));
    mix.push("a", tone(JITTER_MS, 2));
    const out = mix.pull(JITTER_MS + 5);
    expect(out.slice(0, JITTER_MS).every((v) => v === 2)).toBe(true);
    expect(out.slice(JITTER_MS).every((v) => v === 0)).toBe(true);
  });

  it("forgets a removed track", () => {
    const mix = new AudioMix(RATE);
    mix.push("a", tone(JITTER_MS, 5));
    mix.remove("a");
    expect(mix.trackCount).toBe(0);
    expect(mix.pull(10).every((v) => v === 0)).toBe(true);
  });
});
