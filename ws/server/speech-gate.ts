import fvad, { type FvadModule } from "@echogarden/fvad-wasm";
import { BYTES_PER_SECOND, SAMPLE_RATE } from "@/modules/core/transcription/domain/audio";

export type GateSettings = {
  /** WebRTC VAD aggressiveness: 0 lets most sound through as speech, 3 filters hardest. */
  mode: number;
  /** The VAD judges 10, 20 or 30 ms frames. */
  frameMs: 10 | 20 | 30;
  /** Audio kept from before speech onset and sent first, so first syllables are not cut. */
  preRollMs: number;
  /** Audio still sent after the last voiced chunk, so sentence ends and short pauses are kept. */
  hangoverMs: number;
  /** A chunk counts as voiced when at least this share of its frames is speech. */
  minVoicedShare: number;
  /**
   * Consecutive voiced chunks that open a burst: one is not enough, as a click, a cough or the VAD's
   * first frames on a new noise floor pass for speech. The chunks waiting for it are sent with it.
   */
  onsetChunks: number;
};

/** A chunk the gate lets through, with its byte offset in everything the stream received. */
export type GatedChunk = { pcm: Buffer; at: number };
export type GateResult = { chunks: GatedChunk[]; ended: boolean };

let modulePromise: Promise<FvadModule> | null = null;
// One WASM instance per process; each gate has its own VAD state inside it.
const loadModule = () => (modulePromise ??= fvad());

/**
 * Decides, chunk by chunk, which audio of one participant stream reaches the speech recognizer:
 * nothing while nobody speaks; on speech onset the pre-roll then the audio; after the last voiced
 * chunk, `hangoverMs` more, then the burst ends. Decisions are per whole chunk (160 ms from the
 * browser), so what is sent is always a run of received chunks, never a slice of one.
 */
export class SpeechGate {
  private open = false;
  private preRoll: GatedChunk[] = [];
  private preRollBytes = 0;
  private silentBytes = 0;
  private voicedRun = 0;
  private received = 0;
  private carry: Buffer = Buffer.alloc(0);
  private readonly frameBytes: number;
  private readonly ptr: number;
  private handle: number;

  private constructor(
    private readonly m: FvadModule,
    private readonly s: GateSettings,
  ) {
    this.frameBytes = (SAMPLE_RATE * s.frameMs * 2) / 1000;
    this.handle = m._fvad_new();
    if (!this.handle) throw new Error("fvad_new failed");
    this.ptr = m._malloc(this.frameBytes);
    this.configure();
  }

  private configure() {
    if (this.m._fvad_set_mode(this.handle, this.s.mode) !== 0) {
      this.dispose();
      throw new Error(`bad VAD mode ${this.s.mode}`);
    }
    this.m._fvad_set_sample_rate(this.handle, SAMPLE_RATE);
  }

  static async create(settings: GateSettings): Promise<SpeechGate> {
    return new SpeechGate(await loadModule(), settings);
  }

  get speaking(): boolean {
    return this.open;
  }

  push(pcm: Buffer): GateResult {
    const chunk = { pcm, at: this.received };
    this.received += pcm.length;
    const voiced = this.voiced(pcm);
    if (!this.open) {
      this.voicedRun = voiced ? this.voicedRun + 1 : 0;
      if (this.voicedRun < this.s.onsetChunks) {
        this.keep(chunk);
        return { chunks: [], ended: false };
      }
      this.open = true;
      this.voicedRun = 0;
      this.silentBytes = 0;
      const out = [...this.preRoll, chunk];
      this.preRoll = [];
      this.preRollBytes = 0;
      return { chunks: out, ended: false };
    }
    if (voiced) {
      this.silentBytes = 0;
      return { chunks: [chunk], ended: false };
    }
    this.silentBytes += pcm.length;
    if (this.silentBytes <= (this.s.hangoverMs * BYTES_PER_SECOND) / 1000) {
      return { chunks: [chunk], ended: false };
    }
    this.open = false;
    this.keep(chunk);
    return { chunks: [], ended: true };
  }

  /** Pause or stream end: the burst (if any) is over and its pre-roll forgotten. */
  reset(): boolean {
    const was = this.open;
    this.open = false;
    this.preRoll = [];
    this.preRollBytes = 0;
    this.voicedRun = 0;
    this.carry = Buffer.alloc(0);
    // fvad_reset also puts mode and sample rate back to their defaults (0, 8 kHz).
    this.m._fvad_reset(this.handle);
    this.configure();
    return was;
  }

  /** Frees the VAD's WASM memory; the gate is unusable after. */
  dispose() {
    if (!this.handle) return;
    this.m._fvad_free(this.handle);
    this.m._free(this.ptr);
    this.handle = 0;
  }

  private keep(chunk: GatedChunk) {
    this.preRoll.push(chunk);
    this.preRollBytes += chunk.pcm.length;
    const target = (this.s.preRollMs * BYTES_PER_SECOND) / 1000;
    // Voiced chunks waiting for the onset are kept whole; before them, the shortest run of chunks
    // that covers the pre-roll.
    const waiting = this.preRoll.slice(-this.voicedRun || this.preRoll.length);
    const held = this.voicedRun ? waiting.reduce((n, c) => n + c.pcm.length, 0) : 0;
    while (
      this.preRoll.length > this.voicedRun + 1 &&
      this.preRollBytes - held - this.preRoll[0]!.pcm.length >= target
    ) {
      this.preRollBytes -= this.preRoll.shift()!.pcm.length;
    }
  }

  private voiced(pcm: Buffer): boolean {
    const data = this.carry.length ? Buffer.concat([this.carry, pcm]) : pcm;
    const fb = this.frameBytes;
    let frames = 0;
    let speech = 0;
    let off = 0;
    for (; off + fb <= data.length; off += fb) {
      // HEAPU8 is read each time: the WASM memory may have grown (and been replaced) since.
      this.m.HEAPU8.set(data.subarray(off, off + fb), this.ptr);
      if (this.m._fvad_process(this.handle, this.ptr, fb / 2) === 1) speech++;
      frames++;
    }
    this.carry = Buffer.from(data.subarray(off));
    return frames > 0 && speech / frames >= this.s.minVoicedShare;
  }
}
