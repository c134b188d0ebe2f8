import { BYTES_PER_SECOND } from "@/modules/core/captions/domain/audio";
import type { VoiceDetector } from "./vad/voice-detector";

export type GateSettings = {
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

  private constructor(
    private readonly detector: VoiceDetector,
    private readonly s: GateSettings,
  ) {}

  /** The gate owns `detector` from here on: dispose() frees it. */
  static create(detector: VoiceDetector, settings: GateSettings): SpeechGate {
    return new SpeechGate(detector, settings);
  }

  get speaking(): boolean {
    return this.open;
  }

  /** Calls must not overlap: the detector's state follows the chunks in order. */
  async push(pcm: Buffer): Promise<GateResult> {
    const chunk = { pcm, at: this.received };
    this.received += pcm.length;
    const voiced = (await this.detector.voicedShare(pcm)) >= this.s.minVoicedShare;
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
    this.detector.reset();
    return was;
  }

  /** Frees the detector; the gate is unusable after. */
  dispose() {
    this.detector.dispose();
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
}
