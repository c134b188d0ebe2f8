/**
 * Sounds a microphone picks up that are not speech, as PCM16LE mono 16 kHz, deterministic (seeded):
 * the cases a speech gate must not bill (issue 15: a fan, music, a ringing phone, typing) and
 * Chromium's fake microphone, which beeps. Synthetic on purpose: each isolates one thing a VAD may
 * mistake for a voice (a steady pitch, periodic onsets, harmony with rhythm, sharp clicks).
 */
const RATE = 16_000;

function pcmOf(samples: Float32Array): Buffer {
  const b = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) {
    b.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(samples[i]! * 32767))), i * 2);
  }
  return b;
}

/** A small LCG: the same seed gives the same sound on every machine. */
function random(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 0xffffffff;
  };
}

/** A steady tone (a fan's hum, a whistle, a test tone): `hz` at `level` of full scale. */
export function tone(seconds: number, hz = 440, level = 0.3): Buffer {
  const x = new Float32Array(Math.round(seconds * RATE));
  for (let i = 0; i < x.length; i++) x[i] = level * Math.sin((2 * Math.PI * hz * i) / RATE);
  return pcmOf(x);
}

/** Beeps: `beepMs` of `hz` every `everyMs` (a ringing phone, a reversing truck, Chromium's fake mic). */
export function beeps(
  seconds: number,
  opts: { hz?: number; beepMs?: number; everyMs?: number } = {},
): Buffer {
  const { hz = 1000, beepMs = 200, everyMs = 1000 } = opts;
  const x = new Float32Array(Math.round(seconds * RATE));
  const on = (beepMs * RATE) / 1000;
  const period = (everyMs * RATE) / 1000;
  for (let i = 0; i < x.length; i++) {
    if (i % period < on) x[i] = 0.3 * Math.sin((2 * Math.PI * hz * i) / RATE);
  }
  return pcmOf(x);
}

/**
 * Music: a piano-like melody (harmonics, decaying notes) over held chords, with a kick and a hi-hat
 * on the beat at 120 bpm — pitch, harmony and rhythm, the things that fool an energy-and-pitch VAD.
 */
export function music(seconds: number, seed = 7): Buffer {
  const rnd = random(seed);
  const x = new Float32Array(Math.round(seconds * RATE));
  const beat = RATE / 2;
  const scale = [261.6, 293.7, 329.6, 349.2, 392.0, 440.0, 493.9, 523.3];
  const chords = [
    [130.8, 164.8, 196.0],
    [110.0, 130.8, 164.8],
    [174.6, 220.0, 261.6],
    [196.0, 246.9, 293.7],
  ];
  for (let start = 0; start < x.length; start += beat / 2) {
    const note = scale[Math.floor(rnd() * scale.length)]!;
    for (let i = 0; i < beat / 2 && start + i < x.length; i++) {
      const t = i / RATE;
      let v = 0;
      for (let h = 1; h <= 5; h++) v += Math.sin(2 * Math.PI * note * h * t) / (h * h);
      x[start + i]! += 0.18 * v * Math.exp(-4 * t);
    }
  }
  for (let i = 0; i < x.length; i++) {
    const t = i / RATE;
    const chord = chords[Math.floor(i / (4 * beat)) % chords.length]!;
    for (const f of chord) x[i]! += 0.05 * Math.sin(2 * Math.PI * f * t);
    const inBeat = i % beat;
    if (inBeat < 0.12 * RATE) {
      const tb = inBeat / RATE;
      x[i]! += 0.35 * Math.sin(2 * Math.PI * (60 + 90 * Math.exp(-30 * tb)) * tb) * Math.exp(-18 * tb);
    }
    const inHalf = (i + beat / 2) % beat;
    if (inHalf < 0.03 * RATE) x[i]! += 0.08 * (rnd() * 2 - 1) * Math.exp(-(inHalf / RATE) * 150);
  }
  return pcmOf(x);
}

/** Typing: key clicks (a few ms of sharp noise each), 5–9 a second in words, with pauses between. */
export function typing(seconds: number, seed = 11): Buffer {
  const rnd = random(seed);
  const x = new Float32Array(Math.round(seconds * RATE));
  let at = 0.2 * RATE;
  while (at < x.length) {
    const keys = 3 + Math.floor(rnd() * 6);
    for (let k = 0; k < keys && at < x.length; k++) {
      const len = Math.round((0.004 + rnd() * 0.006) * RATE);
      const level = 0.25 + rnd() * 0.35;
      for (let i = 0; i < len && at + i < x.length; i++) {
        x[at + i] = level * (rnd() * 2 - 1) * Math.exp(-i / (0.0015 * RATE));
      }
      at += Math.round((0.11 + rnd() * 0.09) * RATE);
    }
    at += Math.round((0.25 + rnd() * 0.4) * RATE);
  }
  return pcmOf(x);
}

/** `a + gain × b`, sample by sample, as long as `a` (b loops). */
export function mix(a: Buffer, b: Buffer, gain = 1): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i + 1 < a.length; i += 2) {
    const v = a.readInt16LE(i) + gain * b.readInt16LE(i % (b.length - (b.length % 2)));
    out.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(v))), i);
  }
  return out;
}
