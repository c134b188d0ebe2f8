import { afterEach, describe, expect, it } from "vitest";
import { CHUNK_BYTES } from "@/modules/core/captions/domain/audio";
import { SpeechGate, type GateResult, type GateSettings } from "./speech-gate";
import { beeps, mix, music, tone, typing } from "../../../tests/support/noise-cases";
import { withNoiseFloor } from "../../../tests/support/noise";
import { MEETING_SENTENCES, speechPcm16k } from "../../../tests/support/speech";
import { CascadeVad } from "./vad/cascade-vad";
import { SileroVad, sileroLoader } from "./vad/silero-vad";
import { WebRtcVad, fvadLoader } from "./vad/webrtc-vad";

const loadFvad = fvadLoader();
const SETTINGS = {
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
async function feed(gate: SpeechGate, pcm: Buffer, size = CHUNK_BYTES): Promise<GateResult[]> {
  const out: GateResult[] = [];
  for (let o = 0; o < pcm.length; o += size) out.push(await gate.push(pcm.subarray(o, o + size)));
  return out;
}
const sent = (rs: GateResult[]) => rs.flatMap((r) => r.chunks);
const bytes = (rs: GateResult[]) => sent(rs).reduce((n, c) => n + c.pcm.length, 0);
const ends = (rs: GateResult[]) => rs.flatMap((r, i) => (r.ended ? [i] : []));

let gates: SpeechGate[] = [];
const make = async (s: GateSettings = SETTINGS, mode = 3) => {
  const g = SpeechGate.create(await WebRtcVad.create(loadFvad, mode, 20), s);
  gates.push(g);
  return g;
};
afterEach(() => {
  for (const g of gates) g.dispose();
  gates = [];
});

describe("speech gate (WebRTC VAD)", () => {
  it("lets nothing of silence through", async () => {
    const rs = await feed(await make(), silence(5_000));
    expect(bytes(rs)).toBe(0);
    expect(ends(rs)).toEqual([]);
  });

  it("sends a burst with 480 ms of pre-roll before it and 800 ms of hangover after it, then ends it", async () => {
    const g = await make();
    // 10 silent chunks, 6 voiced (960 ms), 15 silent.
    const rs = await feed(g, Buffer.concat([silence(1_600), voice(960), silence(2_400)]));
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
    const rs = await feed(gate, Buffer.concat([silence(1_600), voice(160), silence(1_600)]));
    expect(bytes(rs)).toBe(0);
    expect(ends(rs)).toEqual([]);
  });

  it("keeps short pauses inside one burst and sends no pre-roll that was never received", async () => {
    const rs = await feed(
      await make(),
      Buffer.concat([voice(480), silence(640), voice(480), silence(1_600)]),
    );
    // 3 voiced + 4 silent (within hangover) + 3 voiced + 1 VAD overhang + 5 hangover; one end.
    expect(bytes(rs)).toBe(16 * CHUNK_BYTES);
    expect(sent(rs)[0]!.at).toBe(0);
    expect(ends(rs)).toEqual([16]);
  });

  it("judges chunks that do not split into whole VAD frames (carrying the remainder)", async () => {
    // 1,000-byte chunks: 31.25 ms each, never a whole number of 20 ms frames.
    const rs = await feed(await make(), Buffer.concat([silence(1_000), voice(1_000), silence(2_000)]), 1_000);
    const total = bytes(rs);
    // Everything voiced passed, plus pre-roll, hangover and the VAD's overhang (each within a chunk).
    expect(total).toBeGreaterThanOrEqual(32_000 + 15_360 + 25_600);
    expect(total).toBeLessThanOrEqual(32_000 + 15_360 + 25_600 + 5_120 + 2 * 1_000);
    expect(ends(rs)).toHaveLength(1);
  });

  it("reset() ends a burst in progress and forgets the pre-roll", async () => {
    const g = await make();
    await feed(g, Buffer.concat([silence(480), voice(320)]));
    expect(g.speaking).toBe(true);
    expect(g.reset()).toBe(true);
    expect(g.speaking).toBe(false);
    // Speech after the reset starts a new burst without the audio from before it.
    const rs = await feed(g, voice(320));
    expect(sent(rs).map((c) => c.at)).toEqual([5 * CHUNK_BYTES, 6 * CHUNK_BYTES]);
  });

  it("rejects an aggressiveness the VAD does not have", async () => {
    await expect(WebRtcVad.create(loadFvad, 7, 20)).rejects.toThrow(/VAD mode/);
  });
});

describe("speech gate on what microphones pick up besides speech", () => {
  const loadSilero = sileroLoader();
  const gateWith = async (engine: "webrtc" | "silero") => {
    const webrtc = await WebRtcVad.create(loadFvad, 3, 20);
    const detector =
      engine === "webrtc" ? webrtc : new CascadeVad(webrtc, await SileroVad.create(loadSilero, 0.5), 0.3);
    const g = SpeechGate.create(detector, SETTINGS);
    gates.push(g);
    return g;
  };
  const quiet = (pcm: Buffer) => withNoiseFloor(pcm, 80, 5);
  const NOISES = {
    "a steady tone": quiet(tone(10)),
    "a low hum": quiet(tone(10, 120, 0.05)),
    "beeps (a ringing phone, Chromium's fake microphone)": quiet(beeps(10)),
    music: quiet(music(10)),
    typing: quiet(typing(10)),
  };

  it.each(Object.entries(NOISES))("Silero behind WebRTC's VAD sends none of %s", async (_, pcm) => {
    expect(bytes(await feed(await gateWith("silero"), pcm))).toBe(0);
  });

  it("WebRTC's VAD alone sends most of them (why Silero is in front of the recognizer)", async () => {
    const passed = await Promise.all(
      Object.values(NOISES).map(async (pcm) => bytes(await feed(await gateWith("webrtc"), pcm)) / pcm.length),
    );
    expect(passed.filter((share) => share > 0.5).length).toBeGreaterThanOrEqual(4);
  });

  it("Silero behind WebRTC's VAD still sends real speech, over music too", async () => {
    const speech = speechPcm16k({
      sentences: [MEETING_SENTENCES[0]!],
      leadingSilenceMs: 1000,
      trailingSilenceMs: 1500,
    });
    for (const pcm of [quiet(speech.pcm), quiet(mix(speech.pcm, music(10), 0.1))]) {
      const g = await gateWith("silero");
      const rs = await feed(g, pcm);
      // The sentence goes through with its pre-roll (480 ms) and hangover (800 ms); the rest of the
      // 1.0 s lead-in and 1.5 s of trailing silence stays out.
      const sentSeconds = bytes(rs) / 32_000;
      const spokenSeconds = pcm.length / 32_000 - 2.5;
      expect(sentSeconds).toBeGreaterThan(spokenSeconds * 0.9);
      expect(sentSeconds).toBeLessThan(spokenSeconds + 2);
      expect(ends(rs).length).toBeGreaterThanOrEqual(1);
    }
  });
});
