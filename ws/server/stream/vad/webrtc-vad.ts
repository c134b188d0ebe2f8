import fvad, { type FvadModule } from "@echogarden/fvad-wasm";
import { SAMPLE_RATE } from "@/modules/core/captions/domain/audio";
import { framesOf, type VoiceDetector } from "./voice-detector";

/** One WASM module per process (loaded on first use); each detector has its own VAD state inside it. */
export type FvadLoader = () => Promise<FvadModule>;
export function fvadLoader(): FvadLoader {
  let loading: Promise<FvadModule> | null = null;
  return () => (loading ??= fvad());
}

/**
 * WebRTC's VAD (libfvad compiled to WASM): cheap (a few µs a frame) and good at telling sound from
 * silence, but it judges energy and pitch-like structure, so steady tones and music pass as speech.
 */
export class WebRtcVad implements VoiceDetector {
  private carry: Buffer = Buffer.alloc(0);
  private readonly frameBytes: number;
  private readonly ptr: number;
  private handle: number;

  private constructor(
    private readonly m: FvadModule,
    private readonly mode: number,
    frameMs: 10 | 20 | 30,
  ) {
    this.frameBytes = (SAMPLE_RATE * frameMs * 2) / 1000;
    this.handle = m._fvad_new();
    if (!this.handle) throw new Error("fvad_new failed");
    this.ptr = m._malloc(this.frameBytes);
    this.configure();
  }

  static async create(load: FvadLoader, mode: number, frameMs: 10 | 20 | 30): Promise<WebRtcVad> {
    return new WebRtcVad(await load(), mode, frameMs);
  }

  private configure() {
    if (this.m._fvad_set_mode(this.handle, this.mode) !== 0) {
      this.dispose();
      throw new Error(`bad VAD mode ${this.mode}`);
    }
    this.m._fvad_set_sample_rate(this.handle, SAMPLE_RATE);
  }

  voicedShare(pcm: Buffer): number {
    const { frames, carry } = framesOf(this.carry, pcm, this.frameBytes);
    this.carry = carry;
    let speech = 0;
    for (const f of frames) {
      // HEAPU8 is read each time: the WASM memory may have grown (and been replaced) since.
      this.m.HEAPU8.set(f, this.ptr);
      if (this.m._fvad_process(this.handle, this.ptr, f.length / 2) === 1) speech++;
    }
    return frames.length ? speech / frames.length : 0;
  }

  reset() {
    this.carry = Buffer.alloc(0);
    // fvad_reset also puts mode and sample rate back to their defaults (0, 8 kHz).
    this.m._fvad_reset(this.handle);
    this.configure();
  }

  dispose() {
    if (!this.handle) return;
    this.m._fvad_free(this.handle);
    this.m._free(this.ptr);
    this.handle = 0;
  }
}
