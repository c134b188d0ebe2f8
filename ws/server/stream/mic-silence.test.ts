import { describe, expect, it } from "vitest";
import { CHUNK_BYTES } from "@/modules/core/captions/domain/audio";
import { withNoiseFloor } from "../../../tests/support/noise";
import { MicSilence, peakOf } from "./mic-silence";
import { SETTINGS } from "../settings";

const silence = () => Buffer.alloc(CHUNK_BYTES);
/** A quiet room through a working microphone: a noise floor around -50 dBFS. */
const room = () => withNoiseFloor(silence(), 100);
/** Chunks of `ms` received audio, each answer kept. */
function feed(m: MicSilence, ms: number, chunk: () => Buffer) {
  const n = Math.ceil(ms / 160);
  return Array.from({ length: n }, () => m.push(chunk())).filter((x) => x !== null);
}

describe("MicSilence", () => {
  const s = SETTINGS.micSilence;

  it("warns once after 10 s of digital silence, and says ok on the first chunk with signal", () => {
    const m = new MicSilence(s);
    expect(feed(m, s.afterMs - 160, silence)).toEqual([]);
    expect(m.push(silence())).toBe("mic_silent");
    expect(feed(m, 30_000, silence)).toEqual([]);
    expect(m.push(room())).toBe("mic_ok");
    expect(feed(m, 30_000, room)).toEqual([]);
  });

  it("counts a level below any working microphone's noise floor as silence", () => {
    const m = new MicSilence(s);
    const hiss = () => withNoiseFloor(silence(), s.peakFloor);
    expect(peakOf(hiss())).toBeGreaterThan(0);
    expect(feed(m, s.afterMs, hiss)).toEqual(["mic_silent"]);
  });

  it("never warns for a quiet room, nor for long pauses between speech", () => {
    const m = new MicSilence(s);
    expect(feed(m, 60_000, room)).toEqual([]);
    // 9.9 s of silence then one chunk of signal, over and over: no 10 s run.
    for (let i = 0; i < 5; i++) {
      expect(feed(m, s.afterMs - 160, silence)).toEqual([]);
      expect(m.push(room())).toBeNull();
    }
  });

  it("starts over after a reset (pause), without an ok for a warning the pause answered", () => {
    const m = new MicSilence(s);
    feed(m, s.afterMs, silence);
    m.reset();
    expect(m.push(room())).toBeNull();
    expect(feed(m, s.afterMs - 160, silence)).toEqual([]);
    m.reset();
    expect(feed(m, s.afterMs - 160, silence)).toEqual([]);
  });

  it("measures the peak of signed samples", () => {
    const b = Buffer.alloc(8);
    b.writeInt16LE(-32768, 2);
    b.writeInt16LE(500, 6);
    expect(peakOf(b)).toBe(32768);
    // A chunk at an odd offset in a pooled buffer is read sample by sample, to the same answer.
    const odd = Buffer.alloc(9).subarray(1);
    b.copy(odd);
    expect(odd.byteOffset % 2).toBe(1);
    expect(peakOf(odd)).toBe(32768);
  });
});
