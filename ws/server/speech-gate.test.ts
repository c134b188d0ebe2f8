import { afterEach, describe, expect, it } from "vitest";
import { CHUNK_BYTES } from "@/modules/core/transcription/domain/audio";
import { SpeechGate, type GateResult, type GateSettings } from "./speech-gate";

const SETTINGS = {
  mode: 3,
  frameMs: 20,
  preRollMs: 480,
  hangoverMs: 800,
  minVoicedShare: 0.3,
  onsetChunks: 2,
} as const;

/** A voiced-speech stand-in: a 140 Hz buzz with harmonics, its loudness swinging at syllable rate. */
function voice(ms: number, amp = 6000): Buffer {
  const n = (16_000 * ms) / 1000;
  const b = Buffer.alloc(n * 2);
  for (let i = 0; i < n; i++) {
    const t = i / 16_000;
    let v = 0;
    for (let h = 1; h <= 8; h++) v += Math.sin(2 * Math.PI * 140 * h * t) / h;
    b.writeInt16LE(Math.round(amp * 0.5 * v * (0.6 + 0.4 * Math.sin(2 * Math.PI * 4 * t))), i * 2);
  }
  return b;
}
const silence = (ms: number) => Buffer.alloc((32_000 * ms) / 1000);

/** Feeds `pcm` in `size`-byte chunks; returns every result in order. */
function feed(gate: SpeechGate, pcm: Buffer, size = CHUNK_BYTES): GateResult[] {
  const out: GateResult[] = [];
  for (let o = 0; o < pcm.length; o += size) out.push(gate.push(pcm.subarray(o, o + size)));
  return out;
}
const sent = (rs: GateResult[]) => rs.flatMap((r) => r.chunks);
const bytes = (rs: GateResult[]) => sent(rs).reduce((n, c) => n + c.pcm.length, 0);
const ends = (rs: GateResult[]) => rs.flatMap((r, i) => (r.ended ? [i] : []));

let gates: SpeechGate[] = [];
const make = async (s: GateSettings = SETTINGS) => {
  const g = await SpeechGate.create(s);
  gates.push(g);
  return g;
};
afterEach(() => {
  for (const g of gates) g.dispose();
  gates = [];
});

describe("speech gate (WebRTC VAD)", () => {
  it("lets nothing of silence through", async () => {
    const rs = feed(await make(), silence(5_000));
    expect(bytes(rs)).toBe(0);
    expect(ends(rs)).toEqual([]);
  });

  it("sends a burst with 480 ms of pre-roll before it and 800 ms of hangover after it, then ends it", async () => {
    const g = await make();
    // 10 silent chunks, 6 voiced (960 ms), 15 silent.
    const rs = feed(g, Buffer.concat([silence(1_600), voice(960), silence(2_400)]));
    const out = sent(rs);
    // 3 pre-roll chunks + 6 voiced + 1 (the VAD's own overhang marks the first silent chunk as
    // speech) + 5 hangover chunks: whole 160 ms chunks, contiguous.
    expect(out).toHaveLength(15);
    expect(bytes(rs)).toBe(15 * CHUNK_BYTES);
    expect(out[0]!.at).toBe(7 * CHUNK_BYTES);
    out.forEach((c, i) => expect(c.at).toBe((7 + i) * CHUNK_BYTES));
    // The second voiced chunk opens the burst and releases the pre-roll and the first with it; the
    // burst ends on the 6th silent chunk.
    expect(rs[10]!.chunks).toHaveLength(0);
    expect(rs[11]!.chunks).toHaveLength(5);
    expect(ends(rs)).toEqual([22]);
    expect(g.speaking).toBe(false);
  });

  it("does not open for a sound shorter than the onset (a click, a cough)", async () => {
    // 3 chunks: the VAD's own overhang makes the silent chunk after a one-chunk sound voiced too.
    const gate = await make({ ...SETTINGS, onsetChunks: 3 });
    const rs = feed(gate, Buffer.concat([silence(1_600), voice(160), silence(1_600)]));
    expect(bytes(rs)).toBe(0);
    expect(ends(rs)).toEqual([]);
  });

  it("keeps short pauses inside one burst and sends no pre-roll that was never received", async () => {
    const rs = feed(await make(), Buffer.concat([voice(480), silence(640), voice(480), silence(1_600)]));
    // 3 voiced + 4 silent (within hangover) + 3 voiced + 1 VAD overhang + 5 hangover; one end.
    expect(bytes(rs)).toBe(16 * CHUNK_BYTES);
    expect(sent(rs)[0]!.at).toBe(0);
    expect(ends(rs)).toEqual([16]);
  });

  it("judges chunks that do not split into whole VAD frames (carrying the remainder)", async () => {
    // 1,000-byte chunks: 31.25 ms each, never a whole number of 20 ms frames.
    const rs = feed(await make(), Buffer.concat([silence(1_000), voice(1_000), silence(2_000)]), 1_000);
    const total = bytes(rs);
    // Everything voiced passed, plus pre-roll, hangover and the VAD's overhang (each within a chunk).
    expect(total).toBeGreaterThanOrEqual(32_000 + 15_360 + 25_600);
    expect(total).toBeLessThanOrEqual(32_000 + 15_360 + 25_600 + 5_120 + 2 * 1_000);
    expect(ends(rs)).toHaveLength(1);
  });

  it("reset() ends a burst in progress and forgets the pre-roll", async () => {
    const g = await make();
    feed(g, Buffer.concat([silence(480), voice(320)]));
    expect(g.speaking).toBe(true);
    expect(g.reset()).toBe(true);
    expect(g.speaking).toBe(false);
    // Speech after the reset starts a new burst without the audio from before it.
    const rs = feed(g, voice(320));
    expect(sent(rs).map((c) => c.at)).toEqual([5 * CHUNK_BYTES, 6 * CHUNK_BYTES]);
  });

  it("rejects an aggressiveness the VAD does not have", async () => {
    await expect(SpeechGate.create({ ...SETTINGS, mode: 7 })).rejects.toThrow(/VAD mode/);
  });
});
